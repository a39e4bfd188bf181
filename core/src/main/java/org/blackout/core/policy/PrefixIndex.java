package org.blackout.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.rib.PrefixTable;
import org.blackout.wire.net.Prefix;

/**
 * An immutable set of distinct prefixes numbered 0, 1, 2, ... that answers "which of them cover
 * this prefix?" without allocating, so it can sit on the per-announcement path.
 *
 * <p>One open-addressing hash table holds every prefix; a bit set per address family records which
 * lengths occur. A covering lookup masks the query to each occurring length and probes once per
 * length. Large IPv4 sets also keep, per /16, the lengths that occur there, so a lookup probes
 * only those (a 512 KB summary); IPv6 probes every length present in the family (ROAs use few).
 * Simpler than a trie and, with lengths clustered the way real ROAs and operator lists are, as
 * fast: no pointer chasing, and about 20 bytes per prefix instead of a node per bit.
 *
 * <p>Iterate over the covering prefixes, shortest first:
 * <pre>{@code
 * for (int id = index.nextCovering(p, 0); id != PrefixIndex.NONE; id = index.nextCovering(p, index.length(id) + 1)) ...
 * }</pre>
 */
public final class PrefixIndex {
    public static final int NONE = -1;

    private final long[] hi;
    private final long[] lo;
    /** Unsigned: /128 does not fit a signed byte. */
    private final byte[] len;
    private final boolean[] v6;
    /** Open addressing: id + 1, 0 when empty; at most half full. */
    private final int[] slots;
    /** Bit L set when some prefix of the family has length L; IPv6 needs 129 bits. */
    private final long v4Lengths;
    private final long[] v6Lengths = new long[3];
    /**
     * For large IPv4 sets, per /16 of address space: bit L set when a prefix of length L (16..32)
     * lies inside that /16, or one of length L (0..15) covers it. A lookup then probes only the
     * lengths that can answer (one to three for a /24 against a full ROA set) instead of every
     * length present, which would cost a cache miss each in a table of megabytes. Null for small
     * sets, where the table fits in cache anyway.
     */
    private final long[] v4BySlash16;
    private static final int SUMMARY_FROM = 4096;

    private PrefixIndex(List<Prefix> prefixes) {
        int n = prefixes.size();
        hi = new long[n];
        lo = new long[n];
        len = new byte[n];
        v6 = new boolean[n];
        slots = new int[Integer.highestOneBit(Math.max(2, n * 2 - 1)) << 1];
        long v4l = 0;
        int mask = slots.length - 1;
        for (int id = 0; id < n; id++) {
            Prefix p = prefixes.get(id);
            hi[id] = p.hi();
            lo[id] = p.lo();
            len[id] = (byte) p.length();
            v6[id] = p.v6();
            if (p.v6()) v6Lengths[p.length() >>> 6] |= 1L << p.length();
            else v4l |= 1L << p.length();
            int i = PrefixTable.hash(p.v6(), p.hi(), p.lo(), p.length()) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = id + 1;
        }
        v4Lengths = v4l;
        v4BySlash16 = n >= SUMMARY_FROM ? summarise() : null;
    }

    private long[] summarise() {
        long[] sum = new long[1 << 16];
        for (int id = 0; id < hi.length; id++) {
            if (v6[id]) continue;
            int l = length(id), top = (int) (hi[id] >>> 48);
            if (l >= 16) {
                sum[top] |= 1L << l;
            } else {
                for (int b = top, end = top + (1 << (16 - l)); b < end; b++) sum[b] |= 1L << l;
            }
        }
        return sum;
    }

    /** Builds an index; ids follow the order of first addition. */
    public static final class Builder {
        private final Map<Prefix, Integer> ids = new HashMap<>();
        private final List<Prefix> prefixes = new ArrayList<>();

        /** The id of {@code p}, new or already given. */
        public int add(Prefix p) {
            Integer id = ids.putIfAbsent(p, prefixes.size());
            if (id != null) return id;
            prefixes.add(p);
            return prefixes.size() - 1;
        }

        public int size() {
            return prefixes.size();
        }

        public PrefixIndex build() {
            return new PrefixIndex(prefixes);
        }
    }

    public static PrefixIndex of(List<Prefix> distinct) {
        Builder b = new Builder();
        for (Prefix p : distinct) b.add(p);
        return b.build();
    }

    public int size() {
        return hi.length;
    }

    public int length(int id) {
        return len[id] & 0xFF;
    }

    public Prefix prefix(int id) {
        return new Prefix(v6[id], hi[id], lo[id], length(id));
    }

    /** The id of exactly {@code p}, or {@link #NONE}. */
    public int find(Prefix p) {
        return probe(p.v6(), p.hi(), p.lo(), p.length());
    }

    /**
     * The id of the shortest prefix that covers {@code p} (is {@code p} or less specific) and is at
     * least {@code fromLength} long, or {@link #NONE}.
     */
    public int nextCovering(Prefix p, int fromLength) {
        boolean six = p.v6();
        if (!six && v4BySlash16 != null && p.length() >= 16) {
            long bits = v4BySlash16[(int) (p.hi() >>> 48)] & (-1L << fromLength) & (-1L >>> (63 - p.length()));
            if (fromLength > 32) bits = 0; // a shift count is taken mod 64
            for (; bits != 0; bits &= bits - 1) {
                int l = Long.numberOfTrailingZeros(bits);
                int id = probe(false, p.hi() & Prefix.maskHi(l), 0, l);
                if (id != NONE) return id;
            }
            return NONE;
        }
        for (int l = nextLength(six, fromLength, p.length()); l >= 0; l = nextLength(six, l + 1, p.length())) {
            int id = probe(six, p.hi() & Prefix.maskHi(l), p.lo() & Prefix.maskLo(l), l);
            if (id != NONE) return id;
        }
        return NONE;
    }

    /** The id of the longest (most specific) prefix that covers {@code p}, or {@link #NONE}. */
    public int longestCovering(Prefix p) {
        boolean six = p.v6();
        if (!six && v4BySlash16 != null && p.length() >= 16) {
            long bits = v4BySlash16[(int) (p.hi() >>> 48)] & (-1L >>> (63 - p.length()));
            for (; bits != 0; bits &= ~(Long.MIN_VALUE >>> Long.numberOfLeadingZeros(bits))) {
                int l = 63 - Long.numberOfLeadingZeros(bits);
                int id = probe(false, p.hi() & Prefix.maskHi(l), 0, l);
                if (id != NONE) return id;
            }
            return NONE;
        }
        for (int l = p.length(); l >= 0; l--) {
            if (!hasLength(six, l)) continue;
            int id = probe(six, p.hi() & Prefix.maskHi(l), p.lo() & Prefix.maskLo(l), l);
            if (id != NONE) return id;
        }
        return NONE;
    }

    private boolean hasLength(boolean six, int l) {
        return six ? (v6Lengths[l >>> 6] & 1L << l) != 0 : (v4Lengths & 1L << l) != 0;
    }

    /** The smallest occurring length in [from, to], or -1. */
    private int nextLength(boolean six, int from, int to) {
        if (from > to) return -1;
        if (!six) {
            long bits = v4Lengths & (-1L << from);
            if (bits == 0) return -1;
            int l = Long.numberOfTrailingZeros(bits);
            return l <= to ? l : -1;
        }
        for (int w = from >>> 6; w < 3; w++) {
            long bits = v6Lengths[w] & (w == from >>> 6 ? -1L << from : -1L);
            if (bits != 0) {
                int l = (w << 6) + Long.numberOfTrailingZeros(bits);
                return l <= to ? l : -1;
            }
        }
        return -1;
    }

    private int probe(boolean six, long h, long l, int length) {
        int mask = slots.length - 1;
        for (int i = PrefixTable.hash(six, h, l, length) & mask, s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int id = s - 1;
            if (hi[id] == h && lo[id] == l && length(id) == length && v6[id] == six) return id;
        }
        return NONE;
    }

}
