package org.blackout.core.event;

/**
 * Receives an event's lifecycle, in data-time order: raised once, updated while it deepens,
 * lowered once (an event still open at the end of the data is never lowered). Alerts hook in here.
 */
public interface EventSink {
    default void raised(Event e) {}

    default void updated(Event e) {}

    default void lowered(Event e) {}

    /** Which call delivered a snapshot (for logs and JSON lines of the lifecycle). */
    enum Phase {
        RAISED("raised"), UPDATED("updated"), LOWERED("lowered");

        private final String json;

        Phase(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }
}
