package org.blackout.server.alert;

import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;

/**
 * One alert: an event snapshot at a phase of its lifecycle, with the line people read.
 *
 * @param key dedup key, the same across restarts for the same announcement
 */
public record Alert(String key, String phase, Event event, String text) {

    public String json() {
        return "{\"phase\":\"" + phase + "\",\"text\":" + quote(text) + ",\"event\":" + EventJson.json(event) + "}";
    }

    /** "9 h 31 min", "35 min", "2 d 3 h". */
    public static String duration(long seconds) {
        long m = seconds / 60; // truncated, as people say "9 h 31 min" until the 32nd minute is full
        long d = m / 1440, h = (m % 1440) / 60, min = m % 60;
        if (d > 0) return d + " d " + h + " h";
        if (h > 0) return min > 0 ? h + " h " + min + " min" : h + " h";
        return min + " min";
    }

    /** {@code 2014-12-22 16:15Z}: minutes are enough for people. */
    public static String minute(java.time.Instant t) {
        return t == null ? "-" : t.toString().substring(0, 16).replace('T', ' ') + "Z";
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        escape(sb, s);
        return sb.append('"').toString();
    }

    /** JSON string escaping without the quotes (for templates). */
    public static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
    }
}
