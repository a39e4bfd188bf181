package org.blackout.server.alert;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.json.Json;

/**
 * One alert: an event snapshot at a phase of its lifecycle, with the line people read.
 *
 * @param key dedup key, the same across restarts for the same announcement
 */
public record Alert(String key, String phase, Event event, String text) {

    /** {@code {"phase":…,"text":…,"event":{…}}}: what webhooks, files, email and syslog carry. */
    public String json() {
        return Json.string(g -> {
            g.writeStartObject();
            g.writeStringField("phase", phase);
            g.writeStringField("text", text);
            g.writeFieldName("event");
            EventJson.write(g, event);
            g.writeEndObject();
        });
    }

    /** Slack's incoming-webhook body: {@code {"text":…}}. */
    public String slackJson() {
        return Json.string(g -> {
            g.writeStartObject();
            g.writeStringField("text", text);
            g.writeEndObject();
        });
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

    /** JSON string escaping without the quotes (for templates), by Jackson's encoder. */
    public static void escape(StringBuilder sb, String s) {
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
    }
}
