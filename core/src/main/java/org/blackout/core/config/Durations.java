package org.blackout.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them, one grammar for flags and configuration files: a number with a
 * unit ({@code 250ms}, {@code 90s}, {@code 5m}, {@code 1.5h}, {@code 400d}), units run together
 * ({@code 9h30m}, {@code 1d12h}), a bare number of seconds ({@code 300}), or ISO-8601
 * ({@code PT5M}, {@code P1D}). Used by every flag and configuration file; negative durations are
 * refused, and zero unless asked for.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ms|s|m|h|d)");
    private static final String WANT = "want e.g. 90s, 5m, 9h30m, 400d, PT5M";

    private Durations() {}

    public static Duration parse(String text) {
        Duration d = parseNonNegative(text);
        if (d.isZero()) throw new IllegalArgumentException("duration must be positive: " + text);
        return d;
    }

    /** As {@link #parse}, zero allowed ({@code 0s}, {@code 0}): "none", e.g. no jitter. */
    public static Duration parseNonNegative(String text) {
        if (text == null) throw new IllegalArgumentException("not a duration (" + WANT + "): null");
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (!t.isEmpty() && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                d = nanos(Double.parseDouble(t) * 1e9);
            } else {
                Matcher m = PART.matcher(t);
                int at = 0;
                double nanos = 0;
                while (at < t.length() && m.find(at) && m.start() == at) {
                    double v = Double.parseDouble(m.group(1));
                    nanos += v * switch (m.group(2)) {
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        case "h" -> 3600e9;
                        default -> 86400e9;
                    };
                    at = m.end();
                }
                if (at == 0 || at != t.length()) throw new IllegalArgumentException();
                d = nanos(nanos);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (" + WANT + "): " + text);
        }
        if (d.isNegative()) throw new IllegalArgumentException("duration must not be negative: " + text);
        return d;
    }

    /** {@link #parse} in microseconds (the engine's unit). */
    public static long micros(String text) {
        Duration d = parse(text);
        return d.toNanos() / 1000;
    }

    /** {@link #parse} in whole seconds, rounded. */
    public static long seconds(String text) {
        Duration d = parse(text);
        return Math.round(d.toNanos() / 1e9);
    }

    /**
     * The shortest text of this grammar for {@code d}: {@code 5m}, {@code 9h30m}, {@code 400d},
     * {@code 250ms}; {@code 0s} for zero. {@link #parseNonNegative} reads it back to the same value.
     */
    public static String format(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("negative duration: " + d);
        if (d.isZero()) return "0s";
        long ms = d.toMillis();
        if (d.toNanos() % 1_000_000L != 0) return d.toString(); // below a millisecond: ISO-8601 is exact
        StringBuilder sb = new StringBuilder();
        long[] unit = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
        String[] name = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < unit.length; i++) {
            if (ms >= unit[i]) {
                sb.append(ms / unit[i]).append(name[i]);
                ms %= unit[i];
            }
        }
        return sb.toString();
    }

    private static Duration nanos(double n) {
        return Duration.ofNanos(Math.round(n));
    }
}
