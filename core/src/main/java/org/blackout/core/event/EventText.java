package org.blackout.core.event;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Events for people: durations as "9 h 31 min", one table row per event, lifecycle lines. */
public final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private EventText() {}

    /** {@code 9 h 31 min}, {@code 35 min}, {@code 2 d 3 h}, {@code 40 s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;
        if (days > 0) return days + " d " + h + " h";
        if (h > 0) return h + " h " + m + " min";
        if (m > 0) return m + " min";
        return s + " s";
    }

    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    public static String tableHeader() {
        return String.format(Locale.ROOT, "%-20s  %-20s  %-11s  %-16s  %-10s  %8s  %6s  %s",
                "first_evidence", "lowered", "type", "entity", "duration", "severity", "depth", "summary");
    }

    public static String table(Event e) {
        return String.format(Locale.ROOT, "%-20s  %-20s  %-11s  %-16s  %-10s  %8.2f  %5.0f%%  %s",
                time(e.firstEvidence()), e.open() ? "(open)" : time(e.lowered()), e.type().json(), e.entity(),
                duration(e.duration()), e.severity(), e.depth() * 100, e.summary());
    }

    /** One line per lifecycle step, for terminals and logs. */
    public static String lifecycle(EventSink.Phase phase, Event e) {
        String when = time(switch (phase) {
            case RAISED, UPDATED -> e.raised();
            case LOWERED -> e.lowered();
        });
        String hints = e.pattern().isEmpty() ? "" : " [" + e.pattern().stream().map(Hint::json).collect(Collectors.joining(", ")) + "]";
        return switch (phase) {
            case RAISED -> when + "  RAISED   " + e.type().json() + " " + e.entity() + ": " + e.summary()
                    + " (first evidence " + time(e.firstEvidence()) + ")" + hints;
            case UPDATED -> when + "  UPDATED  " + e.type().json() + " " + e.entity() + ": " + e.summary() + hints;
            case LOWERED -> when + "  LOWERED  " + e.type().json() + " " + e.entity() + ": " + restored(e) + hints;
        };
    }

    /** {@code restored after 9 h 31 min}, or the type's own word for the end. */
    public static String restored(Event e) {
        String d = duration(e.duration());
        return switch (e.type()) {
            case OUTAGE -> "restored after " + d;
            case INSTABILITY -> "stable again after " + d;
            case HIJACK -> "hijack ended after " + d;
            case FEED -> "feed back after " + d;
            case UPSTREAM -> "upstream change ended after " + d;
            case LEAK -> "leak ended after " + d;
        };
    }
}
