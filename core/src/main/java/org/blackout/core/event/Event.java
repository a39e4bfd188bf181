package org.blackout.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One detected event in its current state. A detector announces an event when it is raised,
 * again each time it deepens, and a last time when it is lowered; each announcement is a new
 * immutable snapshot with the same {@link #id}. Field names in JSON are the snake_case forms
 * ({@link EventJson}); this record is a published format: add fields at the end, never rename.
 *
 * @param id            stable across snapshots: {@code type/entity/first_evidence epoch seconds}
 * @param type          outage, instability, upstream, hijack, feed
 * @param entity        {@code country:KP}, {@code as:131279}, {@code prefix:175.45.176.0/22}, or for
 *                      feed events {@code peer:collector|address|AS}
 * @param firstEvidence data time of the first route element (or bin) showing the event
 * @param raised        data time the detector raised it (the end of the bin that confirmed it)
 * @param lowered       data time it ended, null while open
 * @param durationS     seconds from first evidence to lowered (or to the last bin seen while open)
 * @param severity      depth × duration, in hours of total loss (outage: Σ lost share × bin hours;
 *                      instability: Σ unstable bins' churn/threshold × bin hours; others: hours)
 * @param depth         0..1, the worst share of the baseline lost (outage), or 1
 * @param extent        what it touches, at its worst
 * @param upstreams     upstream ASes before and during
 * @param evidence      a few sample route elements (the last ones seen for the entity)
 * @param pattern       hints: all at once vs gradual, preceded by instability, upstream lost, ...
 * @param details       type-specific extras (hijack: origin, expected, prefix; feed: kind, routes), sorted
 * @param summary       one line for people
 * @param score         how much it deserves attention, 0–200ish (IODA-like severity; hijacks ranked
 *                      by suspicion); 0 for informational flags such as a single upstream
 */
public record Event(
        String id,
        EventType type,
        String entity,
        Instant firstEvidence,
        Instant raised,
        Instant lowered,
        long durationS,
        double severity,
        double depth,
        Extent extent,
        Upstreams upstreams,
        List<Evidence> evidence,
        List<Hint> pattern,
        SortedMap<String, String> details,
        String summary,
        double score) {

    public Event {
        evidence = List.copyOf(evidence);
        pattern = List.copyOf(pattern);
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /** An event without a score (older stores, tests). */
    public Event(String id, EventType type, String entity, Instant firstEvidence, Instant raised, Instant lowered,
                 long durationS, double severity, double depth, Extent extent, Upstreams upstreams, List<Evidence> evidence,
                 List<Hint> pattern, SortedMap<String, String> details, String summary) {
        this(id, type, entity, firstEvidence, raised, lowered, durationS, severity, depth, extent, upstreams, evidence,
                pattern, details, summary, 0);
    }

    public static String id(EventType type, String entity, Instant firstEvidence) {
        return type.json() + "/" + entity + "/" + firstEvidence.getEpochSecond();
    }

    public boolean open() {
        return lowered == null;
    }

    public Duration duration() {
        return Duration.ofSeconds(durationS);
    }

    public boolean has(Hint h) {
        return pattern.contains(h);
    }

    /** Convenience for detectors building details. */
    public static SortedMap<String, String> details(Map<String, String> m) {
        return new TreeMap<>(m);
    }
}
