package org.blackout.server.store;

import java.util.List;
import java.util.function.BiConsumer;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventSink;
import org.blackout.server.store.Rows.EventRow;

/**
 * Detectors' events into the store (with the current bin's batch) and, once that batch is stored, on
 * to listeners (alerts, metrics) on the store's writer thread. Every snapshot replaces the stored one
 * of the same id.
 */
public final class EventRecorder implements EventSink.ByPhase {
    private final StoreSink sink;
    private final List<BiConsumer<Phase, Event>> listeners;

    public EventRecorder(StoreSink sink, List<BiConsumer<Phase, Event>> listeners) {
        this.sink = sink;
        this.listeners = List.copyOf(listeners);
    }

    public static EventRow row(Event e) {
        return new EventRow(e.id(), e.type().json(), e.entity(), e.firstEvidence().getEpochSecond(), e.raised().getEpochSecond(),
                e.lowered() == null ? null : e.lowered().getEpochSecond(), e.severity(), EventJson.json(e));
    }

    @Override
    public void event(Phase p, Event e) {
        // listeners (alerts) hear of the event once it is stored: a crash before that loses both
        sink.event(row(e), () -> {
            for (BiConsumer<Phase, Event> l : listeners) l.accept(p, e);
        });
    }
}
