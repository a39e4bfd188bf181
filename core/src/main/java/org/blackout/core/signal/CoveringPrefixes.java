package org.blackout.core.signal;

import java.util.Arrays;
import org.blackout.core.rib.PrefixTable;

/**
 * The interned prefixes that cover a prefix (shorter ones, down to /8 for IPv4 and /16 for IPv6),
 * remembered between bins. A lost prefix is judged against its covering prefixes every bin its
 * entity changes; probing the table once per shorter length cost a fifth of a day's replay (JFR),
 * while the answer only changes when a shorter prefix over the same space is interned.
 *
 * <p>Prefix ids only ever grow, so a cached list computed when the table held {@code n} ids stays
 * right until an id ≥ {@code n} covers the prefix. Such an id can only be shorter and in the same
 * top-level block (the first 8 bits for IPv4, a hash of the first 16 for IPv6): per block and
 * length, the newest id of any shorter prefix there is kept, and a list older than it is recomputed.
 *
 * <p>Several threads may ask at once while the table does not change ({@link #catchUp} first, on one
 * thread): a list and the table size it was made at are published together in one immutable
 * {@link Listed}, so a reader sees either an older pair or a newer one, never a list with another's age.
 */
final class CoveringPrefixes {
    private static final int BLOCKS = 512; // 256 IPv4 /8s, then 256 buckets of IPv6 /16s
    private static final int[] NONE = new int[0];

    private final PrefixTable table;
    /** newestShorter[block * 129 + len]: the highest id of a prefix in the block shorter than len, or -1. */
    private final int[] newestShorter = new int[BLOCKS * 129];
    private int scanned;
    private Listed[] lists = new Listed[1024];

    /** Covering ids of a prefix, computed when the table held {@code at} ids. */
    private record Listed(int[] ids, int at) {}

    CoveringPrefixes(PrefixTable table) {
        this.table = table;
        Arrays.fill(newestShorter, -1);
    }

    /** Ids of the interned prefixes covering {@code p}, longest first. */
    int[] of(int p) {
        if (scanned != table.size()) catchUp(); // never while threads share it: they start caught up
        Listed cached = lists[p];
        if (cached != null && newestShorter[block(p) * 129 + table.length(p)] < cached.at) return cached.ids;
        int[] fresh = compute(p);
        lists[p] = new Listed(fresh, scanned);
        return fresh;
    }

    private int[] compute(int p) {
        boolean v6 = table.isV6(p);
        int min = v6 ? 16 : 8;
        long hi = table.hi(p), lo = table.lo(p);
        int[] out = null;
        int n = 0;
        for (int len = table.length(p) - 1; len >= min; len--) {
            int q = table.find(v6, hi, lo, len);
            if (q < 0) continue;
            if (out == null) out = new int[4];
            else if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = q;
        }
        return n == 0 ? NONE : Arrays.copyOf(out, n);
    }

    /** Registers the ids interned since the last call in their block's per-length marks. */
    void catchUp() {
        int size = table.size();
        if (size > lists.length) lists = Arrays.copyOf(lists, Math.max(size, lists.length * 2));
        for (int q = scanned; q < size; q++) {
            int base = block(q) * 129;
            for (int len = table.length(q) + 1, max = table.isV6(q) ? 128 : 32; len <= max; len++) newestShorter[base + len] = q;
        }
        scanned = size;
    }

    private int block(int id) {
        long hi = table.hi(id);
        return table.isV6(id) ? 256 + ((int) ((hi >>> 48) ^ (hi >>> 56)) & 255) : (int) (hi >>> 56);
    }
}
