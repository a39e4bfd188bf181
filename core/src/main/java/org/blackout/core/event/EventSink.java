package org.blackout.core.event;

/**
 * Receives an event's lifecycle, in data-time order: raised once, updated while it deepens,
 * lowered once (an event still open at the end of the data is never lowered). Alerts hook in here.
 */
public interface EventSink {
    default void raised(Event e) {}

    default void updated(Event e) {}

    default void lowered(Event e) {}

    /** One sink that hands every snapshot to each of {@code sinks} in turn (as {@code EngineListener.all}). */
    static EventSink all(java.util.List<? extends EventSink> sinks) {
        java.util.List<EventSink> all = java.util.List.copyOf(sinks);
        if (all.size() == 1) return all.get(0);
        return new EventSink() {
            @Override
            public void raised(Event e) {
                for (EventSink s : all) s.raised(e);
            }

            @Override
            public void updated(Event e) {
                for (EventSink s : all) s.updated(e);
            }

            @Override
            public void lowered(Event e) {
                for (EventSink s : all) s.lowered(e);
            }
        };
    }

    /** A sink that treats the three calls alike, told which one it is (store writers, Kafka, Flink). */
    interface ByPhase extends EventSink {
        void event(Phase phase, Event e);

        @Override
        default void raised(Event e) {
            event(Phase.RAISED, e);
        }

        @Override
        default void updated(Event e) {
            event(Phase.UPDATED, e);
        }

        @Override
        default void lowered(Event e) {
            event(Phase.LOWERED, e);
        }
    }

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
