package org.blackout.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events as JSON objects, one per line, snake_case field names in the record's order. Written by
 * hand so core needs no JSON library; numbers are plain, times ISO-8601 UTC, absent times null.
 */
public final class EventJson {
    private EventJson() {}

    public static String json(Event e) {
        StringBuilder b = new StringBuilder(512);
        b.append('{');
        str(b, "id", e.id()).append(',');
        str(b, "type", e.type().json()).append(',');
        str(b, "entity", e.entity()).append(',');
        time(b, "first_evidence", e.firstEvidence()).append(',');
        time(b, "raised", e.raised()).append(',');
        time(b, "lowered", e.lowered()).append(',');
        key(b, "duration_s").append(e.durationS()).append(',');
        key(b, "severity").append(num(e.severity())).append(',');
        key(b, "depth").append(num(e.depth())).append(',');
        Extent x = e.extent();
        key(b, "extent").append('{');
        key(b, "prefixes").append(x.prefixes()).append(',');
        key(b, "slash24").append(num(x.slash24())).append(',');
        key(b, "addresses").append(x.addresses()).append(',');
        key(b, "peers_agreeing").append(x.peersAgreeing()).append(',');
        key(b, "full_feed_peers").append(x.fullFeedPeers()).append("},");
        key(b, "upstreams").append('{');
        longs(key(b, "before"), e.upstreams().before()).append(',');
        longs(key(b, "during"), e.upstreams().during()).append("},");
        key(b, "evidence").append('[');
        for (int i = 0; i < e.evidence().size(); i++) {
            Evidence v = e.evidence().get(i);
            if (i > 0) b.append(',');
            b.append('{');
            time(b, "time", v.time()).append(',');
            str(b, "collector", v.collector()).append(',');
            str(b, "peer", v.peer()).append(',');
            key(b, "peer_as").append(v.peerAs()).append(',');
            str(b, "kind", v.kind()).append(',');
            str(b, "prefix", v.prefix()).append(',');
            str(b, "as_path", v.asPath()).append('}');
        }
        b.append("],");
        key(b, "pattern").append('[');
        for (int i = 0; i < e.pattern().size(); i++) {
            if (i > 0) b.append(',');
            quote(b, e.pattern().get(i).json());
        }
        b.append("],");
        key(b, "details").append('{');
        boolean first = true;
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            if (!first) b.append(',');
            first = false;
            str(b, d.getKey(), d.getValue());
        }
        b.append("},");
        str(b, "summary", e.summary());
        b.append('}');
        return b.toString();
    }

    /** A lifecycle line: the snapshot with {@code "phase":"raised|updated|lowered"} first. */
    public static String json(EventSink.Phase phase, Event e) {
        return "{\"phase\":\"" + phase.json() + "\"," + json(e).substring(1);
    }

    private static StringBuilder key(StringBuilder b, String k) {
        return quote(b, k).append(':');
    }

    private static StringBuilder str(StringBuilder b, String k, String v) {
        key(b, k);
        return v == null ? b.append("null") : quote(b, v);
    }

    private static StringBuilder time(StringBuilder b, String k, Instant t) {
        key(b, k);
        return t == null ? b.append("null") : b.append('"').append(t).append('"');
    }

    private static StringBuilder longs(StringBuilder b, List<Long> v) {
        b.append('[');
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) b.append(',');
            b.append(v.get(i).longValue());
        }
        return b.append(']');
    }

    static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
    }

    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }
}
