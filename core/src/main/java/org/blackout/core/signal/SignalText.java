package org.blackout.core.signal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.blackout.core.json.Json;

/** Signals as text: JSON lines (Jackson, numbers as {@link Json#number}), CSV and a fixed-width table. Field names as in {@link Signal}. */
public final class SignalText {
    private SignalText() {}

    public static final List<String> FIELDS = List.of("time", "entity", "visible_slash24", "visible_prefixes",
            "peers_seeing", "full_feed_peers", "announcements", "withdrawals", "upstreams");

    public static String json(Signal s) {
        return Json.string(g -> write(g, s));
    }

    /** One signal as a JSON object, fields in the record's order (a new component is one line here). */
    public static void write(JsonGenerator g, Signal s) throws IOException {
        g.writeStartObject();
        Json.time(g, "time", s.time());
        g.writeStringField("entity", s.entity());
        Json.number(g, "visible_slash24", s.visibleSlash24());
        g.writeNumberField("visible_prefixes", s.visiblePrefixes());
        g.writeNumberField("peers_seeing", s.peersSeeing());
        g.writeNumberField("full_feed_peers", s.fullFeedPeers());
        g.writeNumberField("announcements", s.announcements());
        g.writeNumberField("withdrawals", s.withdrawals());
        g.writeFieldName("upstreams");
        upstreams(g, s.upstreams());
        g.writeStringField("basis", s.basis());
        Json.number(g, "coverage", s.coverage());
        g.writeNumberField("known_prefixes", s.knownPrefixes());
        g.writeNumberField("lost_prefixes", s.lostPrefixes());
        g.writeNumberField("recent_lost", s.recentLost());
        g.writeNumberField("peers_agreeing", s.peersAgreeing());
        g.writeNumberField("peers_carrying", s.peersCarrying());
        g.writeNumberField("recent_covered", s.recentCovered());
        g.writeEndObject();
    }

    /** Upstreams as an object {@code {"4837":1,"3356":0.25}}: AS number to share, in the list's order. */
    public static void upstreams(JsonGenerator g, List<Upstream> upstreams) throws IOException {
        g.writeStartObject();
        for (Upstream u : upstreams) {
            g.writeFieldId(u.asn());
            Json.number(g, u.share());
        }
        g.writeEndObject();
    }

    public static String csvHeader() {
        return String.join(",", FIELDS);
    }

    /** Upstreams as {@code AS:share} separated by spaces. */
    public static String csv(Signal s) {
        return time(s.time()) + "," + s.entity() + "," + number(s.visibleSlash24()) + "," + s.visiblePrefixes() + ","
                + s.peersSeeing() + "," + s.fullFeedPeers() + "," + s.announcements() + "," + s.withdrawals() + ","
                + upstreams(s, " ");
    }

    public static String tableHeader() {
        return String.format(Locale.ROOT, "%-20s %-26s %11s %8s %6s %6s %8s %8s  %s", "time", "entity", "visible/24",
                "prefixes", "peers", "full", "announce", "withdraw", "upstreams");
    }

    public static String table(Signal s) {
        return String.format(Locale.ROOT, "%-20s %-26s %11s %8d %6d %6d %8d %8d  %s", s.time(), s.entity(),
                number(s.visibleSlash24()), s.visiblePrefixes(), s.peersSeeing(), s.fullFeedPeers(), s.announcements(),
                s.withdrawals(), upstreams(s, " "));
    }

    private static String upstreams(Signal s, String sep) {
        StringBuilder sb = new StringBuilder();
        for (Upstream u : s.upstreams()) {
            if (!sb.isEmpty()) sb.append(sep);
            sb.append(u.asn()).append(':').append(share(u.share()));
        }
        return sb.toString();
    }

    /** Integers without a fraction, else up to 4 decimals (a /26 is 0.25 of a /24). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String t = String.format(Locale.ROOT, "%.4f", v);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String share(double v) {
        return number(Math.round(v * 10000) / 10000.0);
    }

    /** ISO-8601 UTC, as {@link Instant#toString()} prints it. */
    public static String time(Instant t) {
        return Json.iso(t);
    }
}
