package org.blackout.server.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blackout.core.config.Durations;
import org.blackout.core.event.EventType;
import org.blackout.core.signal.Entity;

/** Query parameter validation: every value is parsed and bounded here, before any query sees it. */
public final class Params {
    private Params() {}

    /** The stored event types (their JSON names), in the engine's order. */
    public static final List<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::json).toList();

    /** Epoch seconds accepted for times: 1970-01-01 to 9999-12-31 (what ISO-8601 output can show). */
    public static final long MIN_TIME = 0, MAX_TIME = 253402300799L;

    /** The forms a time parameter takes, for messages. */
    public static final List<String> TIME_FORMS = List.of("2014-12-22T16:15:00Z", "2014-12-22", "epoch seconds 0.." + MAX_TIME);

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

    /** ISO-8601 instant, date, or epoch seconds, from 1970 to 9999; null when absent. */
    public static Long time(String raw, String name) {
        if (raw == null || raw.isBlank()) return null;
        String t = raw.trim();
        if (t.length() > 40) throw ApiException.badParameter(name, "parameter '" + name + "' is too long", TIME_FORMS);
        long v;
        try {
            if (t.chars().allMatch(Character::isDigit)) v = Long.parseLong(t);
            else if (t.length() == 10) v = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            else v = Instant.parse(t).getEpochSecond();
        } catch (NumberFormatException e) {
            throw outOfRange(raw, name); // all digits, too many of them
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "parameter '" + name
                    + "' is not a time (want 2014-12-22T16:15:00Z, 2014-12-22 or epoch seconds): " + raw, TIME_FORMS);
        }
        if (v < MIN_TIME || v > MAX_TIME) throw outOfRange(raw, name);
        return v;
    }

    private static ApiException outOfRange(String raw, String name) {
        return ApiException.badParameter(name, "parameter '" + name + "' is out of range: " + raw
                + " (times run from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, epoch seconds 0 to " + MAX_TIME + ")",
                TIME_FORMS);
    }

    /** Like {@link #time(String, String)}, but the parameter must be there. */
    public static long requiredTime(String raw, String name) {
        Long t = time(raw, name);
        if (t == null) {
            throw ApiException.badParameter(name, "missing parameter '" + name
                    + "' (want 2014-12-22T16:15:00Z, 2014-12-22 or epoch seconds)", TIME_FORMS);
        }
        return t;
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
            default -> throw ApiException.badParameter(name, "parameter '" + name + "' must be true or false",
                    List.of("true", "false"));
        };
    }

    /** One of the stored event types ({@link #EVENT_TYPES}), or null when absent. */
    public static String eventType(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String t = raw.trim().toLowerCase(Locale.ROOT);
        if (!EVENT_TYPES.contains(t)) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            throw ApiException.badParameter("type", "parameter 'type' must be one of " + String.join(", ", EVENT_TYPES)
                    + ", got '" + shown + "'", EVENT_TYPES);
        }
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
        if (!Set.of("country", "as", "prefix").contains(t)) {
            throw ApiException.badParameter("kind", "parameter 'kind' must be country, as or prefix", List.of("country", "as", "prefix"));
        }
        return t;
    }
}
