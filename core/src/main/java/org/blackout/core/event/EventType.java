package org.blackout.core.event;

/** What kind of event; {@link #json()} is the name used in JSON and tables. */
public enum EventType {
    /** An entity's visible address space fell well below its baseline. */
    OUTAGE("outage"),
    /** Churn far above the entity's own baseline. */
    INSTABILITY("instability"),
    /** An upstream lost or gained, or a single-upstream dependency (informational). */
    UPSTREAM("upstream"),
    /** A watched prefix or AS announced by another origin (MOAS) or as a more-specific from another origin. */
    HIJACK("hijack"),
    /** A collector peer's session down, silent or re-synced: about the feed, never the Internet. */
    FEED("feed"),
    /** A route leak (RFC 7908): routes crossing an AS that should not have passed them on. */
    LEAK("leak");

    private final String json;

    EventType(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static EventType of(String json) {
        for (EventType t : values()) if (t.json.equals(json)) return t;
        throw new IllegalArgumentException("unknown event type: " + json);
    }
}
