package org.blackout.server.api;

import java.util.Arrays;
import java.util.List;
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
    final String[] upJson;

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
            if (!r.upstreams().equals(prev)) changes++;
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
            if (!r.upstreams().equals(prev)) {
                tl.upAt[c] = i;
                tl.upJson[c++] = r.upstreams();
                prev = r.upstreams();
            }
        }
        return tl;
    }

    int size() {
        return t.length;
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

    /** The columnar JSON answer for bins [lo, hi). */
    String json(String entity, String from, String to, long bin, int lo, int hi) {
        int n = Math.max(0, hi - lo);
        StringBuilder sb = new StringBuilder(160 + n * 48);
        sb.append("{\"entity\":\"").append(entity).append("\",\"from\":\"").append(from).append("\",\"to\":\"").append(to)
                .append("\",\"bin_seconds\":").append(bin).append(",\"count\":").append(n);
        sb.append(",\"t\":[");
        for (int i = lo; i < hi; i++) (i > lo ? sb.append(',') : sb).append(t[i]);
        doubles(sb, "visible_slash24", visible, lo, hi);
        doubles(sb, "visible_prefixes", prefixes, lo, hi);
        doubles(sb, "peers_seeing", peers, lo, hi);
        doubles(sb, "full_feed_peers", full, lo, hi);
        longs(sb, "announcements", announcements, lo, hi);
        longs(sb, "withdrawals", withdrawals, lo, hi);
        sb.append("],\"upstreams\":").append(n == 0 ? "{}" : upstreamsAt(hi - 1));
        sb.append(",\"upstream_changes\":[");
        if (n > 0) {
            sb.append("{\"t\":").append(t[lo]).append(",\"upstreams\":").append(upstreamsAt(lo)).append('}');
            int k = Arrays.binarySearch(upAt, lo);
            k = k < 0 ? -k - 1 : k + 1;
            for (; k < upAt.length && upAt[k] < hi; k++) {
                sb.append(",{\"t\":").append(t[upAt[k]]).append(",\"upstreams\":").append(upJson[k]).append('}');
            }
        }
        return sb.append("]}").toString();
    }

    private static void doubles(StringBuilder sb, String name, double[] v, int lo, int hi) {
        sb.append("],\"").append(name).append("\":[");
        for (int i = lo; i < hi; i++) {
            if (i > lo) sb.append(',');
            number(sb, v[i]);
        }
    }

    /** Up to 4 decimals without Double.toString (the hot loop of a 30-day answer). */
    static void number(StringBuilder sb, double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            sb.append((long) x);
            return;
        }
        if (!(Math.abs(x) < 1e14)) {
            sb.append(Double.isFinite(x) ? Double.toString(x) : "null");
            return;
        }
        long scaled = Math.round(x * 10000);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / 10000);
        int frac = (int) (scaled % 10000);
        if (frac == 0) return;
        sb.append('.');
        int div = 1000;
        while (frac > 0) {
            sb.append((char) ('0' + frac / div));
            frac %= div;
            div /= 10;
        }
    }

    private static void longs(StringBuilder sb, String name, long[] v, int lo, int hi) {
        sb.append("],\"").append(name).append("\":[");
        for (int i = lo; i < hi; i++) (i > lo ? sb.append(',') : sb).append(v[i]);
    }
}
