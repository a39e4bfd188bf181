package org.blackout.core.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.event.Upstreams;

/** An event a detector is building: mutable while open, snapshot into an immutable {@link Event}. */
final class OpenEvent {
    final EventType type;
    final String entity;
    final Instant firstEvidence;
    Instant raised;
    Instant lowered;
    /** The last data time the event was seen open (duration of an open event). */
    Instant seenUntil;
    double severity;
    double depth;
    Extent extent = Extent.NONE;
    List<Long> before = List.of();
    final LinkedHashSet<Long> during = new LinkedHashSet<>();
    List<Evidence> evidence = List.of();
    final EnumSet<Hint> hints = EnumSet.noneOf(Hint.class);
    final TreeMap<String, String> details = new TreeMap<>();
    String summary = "";

    OpenEvent(EventType type, String entity, Instant firstEvidence) {
        this.type = type;
        this.entity = entity;
        this.firstEvidence = firstEvidence;
        this.seenUntil = firstEvidence;
    }

    Event snapshot() {
        Instant end = lowered != null ? lowered : seenUntil;
        long d = Math.max(0, Duration.between(firstEvidence, end).getSeconds());
        return new Event(Event.id(type, entity, firstEvidence), type, entity, firstEvidence, raised, lowered, d,
                severity, depth, extent, new Upstreams(before, new ArrayList<>(during)), evidence, new ArrayList<>(hints),
                details, summary);
    }
}
