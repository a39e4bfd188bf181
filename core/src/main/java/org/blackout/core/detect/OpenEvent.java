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
    /** How much the event deserves a human's attention; detectors set it, 0 means informational. */
    double score = Double.NaN;
    /** Multiplies the default score: less attention where the event matters less than its size says. */
    double scoreFactor = 1;
    /** Appended to the id where one entity can have several events starting in the same second (hijacks, leaks). */
    String idSuffix = "";

    OpenEvent(EventType type, String entity, Instant firstEvidence) {
        this.type = type;
        this.entity = entity;
        this.firstEvidence = firstEvidence;
        this.seenUntil = firstEvidence;
    }

    /** IODA-like: depth × hours for losses, capped; informational flags score 0. */
    private double defaultScore() {
        if (type == EventType.FEED || depth == 0) return 0;
        double hours = Math.max(0, Duration.between(firstEvidence, lowered != null ? lowered : seenUntil).getSeconds()) / 3600.0;
        double s = 100 * depth * Math.min(1, 0.25 + hours) * Math.min(1, Math.log10(2 + extent.prefixes()) / 2);
        return Math.round(s * scoreFactor * 10) / 10.0;
    }

    Event snapshot() {
        Instant end = lowered != null ? lowered : seenUntil;
        long d = Math.max(0, Duration.between(firstEvidence, end).getSeconds());
        return new Event(Event.id(type, entity, firstEvidence) + idSuffix, type, entity, firstEvidence, raised, lowered, d,
                severity, depth, extent, new Upstreams(before, new ArrayList<>(during)), evidence, new ArrayList<>(hints),
                details, summary, Double.isNaN(score) ? defaultScore() : score);
    }
}
