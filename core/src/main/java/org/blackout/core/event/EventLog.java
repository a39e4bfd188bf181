package org.blackout.core.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the latest snapshot of every event, and optionally forwards the lifecycle. */
public final class EventLog implements EventSink {
    private final Map<String, Event> latest = new LinkedHashMap<>();
    private final EventSink next;

    public EventLog() {
        this(new EventSink() {});
    }

    public EventLog(EventSink next) {
        this.next = next;
    }

    @Override
    public void raised(Event e) {
        latest.put(e.id(), e);
        next.raised(e);
    }

    @Override
    public void updated(Event e) {
        latest.put(e.id(), e);
        next.updated(e);
    }

    @Override
    public void lowered(Event e) {
        latest.put(e.id(), e);
        next.lowered(e);
    }

    /** Every event in its latest state, by first evidence, then raised, then id. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(Event::firstEvidence).thenComparing(Event::raised).thenComparing(Event::id));
        return out;
    }

    public List<Event> events(EventType type) {
        return events().stream().filter(e -> e.type() == type).toList();
    }
}
