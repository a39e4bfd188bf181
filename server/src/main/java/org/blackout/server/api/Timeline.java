package org.blackout.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.blackout.core.json.Json;
import org.blackout.server.store.Rows.SignalRow;

/**
 * One entity's signals as parallel primitive arrays, sorted by time: compact enough to keep
 * many entities in memory (about 50 bytes a bin) and sliced by binary search per request.
 * Upstreams are kept only where they change.
 */
final class Timeline {
    final long generation;
    final long[] t;
    final double[] visible, prefixes, peers, full;
    final long[] announcements, withdrawals;
    final int[] upAt; // indexes where the upstream mix changes
    final String[] upJson; // canonical JSON objects

    private Timeline(long generation, int n, int changes) {
        this.generation = generation;
        t = new long[n];
        visible = new double[n];
        prefixes = new double[n];
        peers = new double[n];
        full = new double[n];
        announcements = new long[n];
        withdrawals = new long[n];
        upAt = new int[changes];
        upJson = new String[changes];
    }

    static Timeline of(List<SignalRow> rows, long generation) {
        int changes = 0;
        String prev = null;
        for (SignalRow r : rows) {
            if (!java.util.Objects.equals(r.upstreams(), prev)) changes++;
            prev = r.upstreams();
        }
        Timeline tl = new Timeline(generation, rows.size(), changes);
        prev = null;
        int c = 0;
        for (int i = 0; i < rows.size(); i++) {
            SignalRow r = rows.get(i);
            tl.t[i] = r.t();
            tl.visible[i] = r.visibleSlash24();
            tl.prefixes[i] = r.visiblePrefixes();
            tl.peers[i] = r.peersSeeing();
            tl.full[i] = r.fullFeedPeers();
            tl.announcements[i] = r.announcements();
            tl.withdrawals[i] = r.withdrawals();
            if (!java.util.Objects.equals(r.upstreams(), prev)) {
                tl.upAt[c] = i;
                tl.upJson[c++] = canonical(r.upstreams());
                prev = r.upstreams();
            }
        }
        return tl;
    }

    int size() {
        return t.length;
    }

    /** Heap held, estimated: 7 arrays of 8-byte values a bin, the upstream changes and their JSON text. */
    long bytes() {
        long b = 200 + 56L * t.length + 4L * upAt.length;
        for (String u : upJson) b += 56 + (u == null ? 0 : u.length());
        return b;
    }

    /** First index with t ≥ time. */
    int lowerBound(long time) {
        int i = Arrays.binarySearch(t, time);
        return i >= 0 ? i : -i - 1;
    }

    /** The upstream JSON in force at index i. */
    String upstreamsAt(int i) {
        int k = Arrays.binarySearch(upAt, i);
        if (k < 0) k = -k - 2;
        return k < 0 ? "{}" : upJson[k];
    }

    /** The columnar JSON answer for bins [lo, hi), as UTF-8. */
    byte[] json(String entity, String from, String to, long bin, int lo, int hi) {
        int n = Math.max(0, hi - lo);
        return Json.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("entity", entity);
            g.writeStringField("from", from);
            g.writeStringField("to", to);
            g.writeNumberField("bin_seconds", bin);
            g.writeNumberField("count", n);
            longs(g, "t", t, lo, hi);
            doubles(g, "visible_slash24", visible, lo, hi);
            doubles(g, "visible_prefixes", prefixes, lo, hi);
            doubles(g, "peers_seeing", peers, lo, hi);
            doubles(g, "full_feed_peers", full, lo, hi);
            longs(g, "announcements", announcements, lo, hi);
            longs(g, "withdrawals", withdrawals, lo, hi);
            g.writeFieldName("upstreams");
            g.writeRawValue(n == 0 ? "{}" : upstreamsAt(hi - 1));
            g.writeArrayFieldStart("upstream_changes");
            if (n > 0) {
                change(g, t[lo], upstreamsAt(lo));
                int k = Arrays.binarySearch(upAt, lo);
                k = k < 0 ? -k - 1 : k + 1;
                for (; k < upAt.length && upAt[k] < hi; k++) change(g, t[upAt[k]], upJson[k]);
            }
            g.writeEndArray();
            g.writeEndObject();
        }, 160 + n * 48);
    }

    private static void change(JsonGenerator g, long t, String upstreams) throws IOException {
        g.writeStartObject();
        g.writeNumberField("t", t);
        g.writeFieldName("upstreams");
        g.writeRawValue(upstreams); // canonical JSON, see canonical()
        g.writeEndObject();
    }

    private static void doubles(JsonGenerator g, String name, double[] v, int lo, int hi) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = lo; i < hi; i++) Json.number(g, v[i]);
        g.writeEndArray();
    }

    private static void longs(JsonGenerator g, String name, long[] v, int lo, int hi) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = lo; i < hi; i++) g.writeNumber(v[i]);
        g.writeEndArray();
    }

    /**
     * A stored upstream object ({@code {"4837":1,"3356":0.25}}) rewritten by Jackson with the shares
     * as {@link Json#number} prints them, so the answer embeds only valid JSON (rows from older
     * versions may hold {@code NaN}); anything but an object becomes {@code {}}.
     */
    static String canonical(String stored) {
        JsonNode n;
        try {
            n = stored == null ? null : Responses.JSON.readTree(stored);
        } catch (IOException e) {
            n = null;
        }
        JsonNode o = n;
        return Json.string(g -> {
            g.writeStartObject();
            if (o instanceof ObjectNode obj) {
                for (Map.Entry<String, JsonNode> f : obj.properties()) {
                    g.writeFieldName(f.getKey());
                    if (f.getValue().isNumber()) Json.number(g, f.getValue().doubleValue());
                    else g.writeNull();
                }
            }
            g.writeEndObject();
        });
    }
}
