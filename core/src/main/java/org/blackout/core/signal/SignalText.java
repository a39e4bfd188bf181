package org.blackout.core.signal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Signals as text: JSON lines, CSV and a fixed-width table. Field names as in {@link Signal}. */
public final class SignalText {
    private SignalText() {}

    public static final List<String> FIELDS = List.of("time", "entity", "visible_slash24", "visible_prefixes",
            "peers_seeing", "full_feed_peers", "announcements", "withdrawals", "upstreams");

    public static String json(Signal s) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"time\":\"").append(s.time()).append("\",\"entity\":");
        quote(sb, s.entity());
        sb.append(",\"visible_slash24\":").append(number(s.visibleSlash24()))
          .append(",\"visible_prefixes\":").append(s.visiblePrefixes())
          .append(",\"peers_seeing\":").append(s.peersSeeing())
          .append(",\"full_feed_peers\":").append(s.fullFeedPeers())
          .append(",\"announcements\":").append(s.announcements())
          .append(",\"withdrawals\":").append(s.withdrawals())
          .append(",\"upstreams\":{");
        for (int i = 0; i < s.upstreams().size(); i++) {
            Upstream u = s.upstreams().get(i);
            if (i > 0) sb.append(',');
            sb.append('"').append(u.asn()).append("\":").append(share(u.share()));
        }
        return sb.append("}}").toString();
    }

    public static String csvHeader() {
        return String.join(",", FIELDS);
    }

    /** Upstreams as {@code AS:share} separated by spaces. */
    public static String csv(Signal s) {
        return s.time() + "," + s.entity() + "," + number(s.visibleSlash24()) + "," + s.visiblePrefixes() + ","
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

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }

    /** ISO-8601 UTC, as {@link Instant#toString()} prints it. */
    public static String time(Instant t) {
        return t.toString();
    }
}
