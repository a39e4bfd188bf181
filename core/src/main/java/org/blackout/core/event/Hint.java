package org.blackout.core.event;

/** A hint about how an event looked, for people reading it ("pattern" in JSON). */
public enum Hint {
    /** The space went within one bin. */
    ALL_AT_ONCE("all_at_once"),
    /** The space went over several bins. */
    GRADUAL("gradual"),
    /** Some of the entity's space stayed visible. */
    PARTIAL("partial"),
    /** An instability event on the same entity was open or ended shortly before. */
    PRECEDED_BY_INSTABILITY("preceded_by_instability"),
    /** An upstream carrying the entity before stopped carrying it. */
    UPSTREAM_LOST("upstream_lost"),
    /** A new upstream carries the entity. */
    UPSTREAM_GAINED("upstream_gained"),
    /** The entity was reached through one upstream only. */
    SINGLE_UPSTREAM("single_upstream"),
    /** Only one peer saw it. */
    ONE_PEER_ONLY("one_peer_only"),
    /** Hijack: another origin for the same prefix. */
    MOAS("moas"),
    /** Hijack: a more-specific prefix from another origin. */
    MORE_SPECIFIC("more_specific"),
    /** Outage: every lost prefix lies under a visible aggregate, so its space may still be reachable. */
    COVERED("covered"),
    /**
     * Outage raised live the moment every carrier withdrew every prefix of the entity, before its
     * bin closed: the next bins confirm it (the hint goes) or retract it ({@link #RETRACTED}).
     */
    PROVISIONAL("provisional"),
    /** A provisional outage the bins did not confirm: lowered as retracted. */
    RETRACTED("retracted");

    private final String json;

    Hint(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Hint of(String json) {
        for (Hint h : values()) if (h.json.equals(json)) return h;
        throw new IllegalArgumentException("unknown hint: " + json);
    }
}
