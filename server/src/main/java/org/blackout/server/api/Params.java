package org.blackout.server.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.blackout.core.config.Durations;
import org.blackout.core.signal.Entity;

/** Query parameter validation: every value is parsed and bounded here, before any query sees it. */
public final class Params {
    private Params() {}

    private static final Set<String> EVENT_TYPES = Set.of("outage", "instability", "upstream_change", "hijack", "feed_health");

    /** An entity id, normalized ({@code KP} → {@code country:KP}, {@code AS4837} → {@code as:4837}). */
    public static String entity(String raw, String name) {
        if (raw == null || raw.isBlank()) throw ApiException.badRequest("missing parameter '" + name + "' (e.g. country:KP, as:131279, prefix:175.45.176.0/22)");
        if (raw.length() > 64) throw ApiException.badRequest("parameter '" + name + "' is too long");
        String t = raw.trim();
        if (t.length() == 2 && Character.isLetter(t.charAt(0)) && Character.isLetter(t.charAt(1))) t = "country:" + t;
        else if (t.chars().allMatch(Character::isDigit)) t = "as:" + t;
        try {
            return Entity.parse(t).toString();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("parameter '" + name + "': " + e.getMessage());
        }
    }

    /** ISO-8601 instant, date, or epoch seconds; null when absent. */
    public static Long time(String raw, String name) {
        if (raw == null || raw.isBlank()) return null;
        String t = raw.trim();
        if (t.length() > 40) throw ApiException.badRequest("parameter '" + name + "' is too long");
        try {
            if (t.chars().allMatch(Character::isDigit)) return Long.parseLong(t);
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            return Instant.parse(t).getEpochSecond();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest("parameter '" + name + "' is not a time (want 2014-12-22T16:15:00Z, 2014-12-22 or epoch seconds): " + raw);
        }
    }

    /** A duration in whole seconds ({@link Durations}: 300, 300s, 5m, 1h, 1d, PT5M). */
    public static Long seconds(String raw, String name, long min, long max) {
        if (raw == null || raw.isBlank()) return null;
        long v;
        try {
            v = Durations.seconds(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("parameter '" + name + "' is not a duration (want 300, 5m, 1h, 1d): " + raw);
        }
        if (v < min || v > max) throw ApiException.badRequest("parameter '" + name + "' must be between " + min + " and " + max + " seconds");
        return v;
    }

    public static int limit(String raw, int dflt, int max) {
        if (raw == null || raw.isBlank()) return dflt;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1 || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter 'limit' must be an integer from 1 to " + max);
        }
    }

    public static Boolean bool(String raw, String name) {
        if (raw == null || raw.isBlank()) return null;
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("parameter '" + name + "' must be true or false");
        };
    }

    public static String eventType(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String t = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!t.matches("[a-z_]{1,32}")) throw ApiException.badRequest("parameter 'type' must be an event type such as " + new java.util.TreeSet<>(EVENT_TYPES));
        return t;
    }

    /** Event ids are opaque but plain: letters, digits and {@code -_:.}. */
    public static String eventId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 200 || !raw.matches("[A-Za-z0-9_:.\\-/]+")) {
            throw ApiException.badRequest("not an event id: " + (raw == null ? "" : raw.substring(0, Math.min(raw.length(), 80))));
        }
        return raw;
    }

    public static String kind(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("country", "as", "prefix").contains(t)) throw ApiException.badRequest("parameter 'kind' must be country, as or prefix");
        return t;
    }
}
