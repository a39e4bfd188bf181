package org.blackout.core.rib;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.Arrays;
import org.blackout.wire.net.Prefix;

/**
 * Interns prefixes as dense int ids (0, 1, 2, ...) so that per-peer tables store an int, not an
 * object. The ids' prefixes live in parallel arrays (the upper address word, the length, a v6 bit;
 * the lower word only for the few IPv6 prefixes longer than /64), and the lookup table is an open
 * addressing array of ids compared against them: about 13 bytes per prefix plus slack, no object
 * per prefix. Ids are never reused: a prefix withdrawn everywhere keeps its id, which is what lets
 * an entity remember the space it lost (its known and lost prefixes, the signals' basis). Unlike AS
 * paths (six in ten dead after a real day, see {@link PathTable#collect}) few prefixes die: about
 * 300 a day of 250 k on the shared route-views2 days, each costing its 13 bytes here and 4 bytes in
 * each full-feed peer's dense table, so retiring them would save little and change what entities
 * report; it is not done.
 */
public final class PrefixTable {
    public static final int NONE = -1;

    private long[] hi = new long[1024];
    private byte[] len = new byte[1024];
    private long[] v6Bits = new long[16];
    private final Int2LongOpenHashMap lo = new Int2LongOpenHashMap();
    private int size;
    /** Open addressing: id + 1, 0 when empty; at most 2/3 full. */
    private int[] slots = new int[2048];

    /** The id of {@code p}, interning it on first sight. */
    public int intern(Prefix p) {
        int mask = slots.length - 1;
        int i = hash(p.v6(), p.hi(), p.lo(), p.length()) & mask;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if (same(s - 1, p)) return s - 1;
        }
        int id = size++;
        if (id == hi.length) grow();
        hi[id] = p.hi();
        len[id] = (byte) p.length();
        if (p.v6()) {
            v6Bits[id >>> 6] |= 1L << id;
            if (p.lo() != 0) lo.put(id, p.lo());
        }
        slots[i] = id + 1;
        if (size * 3L > slots.length * 2L) rehash();
        return id;
    }

    /** The id of {@code p}, or {@link #NONE} when never seen. */
    public int find(Prefix p) {
        int mask = slots.length - 1;
        int i = hash(p.v6(), p.hi(), p.lo(), p.length()) & mask;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if (same(s - 1, p)) return s - 1;
        }
        return NONE;
    }

    /**
     * The id of the prefix {@code hi/lo} cut to {@code length} bits, or {@link #NONE}: covering
     * look-ups without an object per length.
     */
    public int find(boolean v6, long hi, long lo, int length) {
        hi &= Prefix.maskHi(length);
        lo &= Prefix.maskLo(length);
        int mask = slots.length - 1;
        int i = hash(v6, hi, lo, length) & mask;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int id = s - 1;
            if (this.hi[id] == hi && len(id) == length && isV6(id) == v6 && (!v6 || lo(id) == lo)) return id;
        }
        return NONE;
    }

    private boolean same(int id, Prefix p) {
        return hi[id] == p.hi() && len(id) == p.length() && isV6(id) == p.v6() && (!p.v6() || lo(id) == p.lo());
    }

    /**
     * murmur3's 64-bit finaliser over the prefix's words: IPv4 keys differ only in their upper bits.
     * Shared by the prefix-keyed tables (here and the policy index).
     */
    public static int hash(boolean v6, long hi, long lo, int length) {
        long h = hi ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ ((length + (v6 ? 129L : 0L)) * 0x9E3779B97F4A7C15L);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private void rehash() {
        int[] n = new int[slots.length * 2];
        int mask = n.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hash(isV6(id), hi[id], lo(id), len(id)) & mask;
            while (n[i] != 0) i = (i + 1) & mask;
            n[i] = id + 1;
        }
        slots = n;
    }

    private void grow() {
        int n = hi.length + (hi.length >>> 1);
        hi = Arrays.copyOf(hi, n);
        len = Arrays.copyOf(len, n);
        v6Bits = Arrays.copyOf(v6Bits, (n + 63) >>> 6);
    }

    public int size() {
        return size;
    }

    public boolean isV6(int id) {
        return (v6Bits[id >>> 6] & (1L << id)) != 0;
    }

    public long hi(int id) {
        return hi[id];
    }

    public long lo(int id) {
        return len(id) <= 64 ? 0 : lo.get(id); // only IPv6 prefixes longer than /64 have a lower word
    }

    /** Lengths are stored in a byte; /128 does not fit a signed one, so read it unsigned. */
    private int len(int id) {
        return len[id] & 0xff;
    }

    public int length(int id) {
        return len(id);
    }

    public Prefix prefix(int id) {
        return new Prefix(isV6(id), hi[id], lo(id), len(id));
    }

    /** Orders ids as {@link Prefix#compareTo} orders prefixes (family, address, then length). */
    public int compare(int a, int b) {
        boolean va = isV6(a), vb = isV6(b);
        if (va != vb) return va ? 1 : -1;
        int c = Long.compareUnsigned(hi[a], hi[b]);
        if (c != 0) return c;
        if (va && (len(a) > 64 || len(b) > 64)) {
            c = Long.compareUnsigned(lo(a), lo(b));
            if (c != 0) return c;
        }
        return Integer.compare(len(a), len(b));
    }

    /** True when prefix {@code outer} covers prefix {@code inner} (same family, inner at least as long). */
    public boolean covers(int outer, int inner) {
        if (isV6(outer) != isV6(inner) || len(inner) < len(outer)) return false;
        int l = len(outer);
        long mh = l >= 64 ? -1L : l == 0 ? 0L : -1L << (64 - l);
        long ml = l <= 64 ? 0L : l >= 128 ? -1L : -1L << (128 - l);
        return (hi[inner] & mh) == hi[outer] && (l <= 64 || (lo(inner) & ml) == lo(outer));
    }

    /** Bytes held by this table's arrays and maps, roughly; for the memory benchmark's breakdown. */
    public long approximateBytes() {
        return (long) hi.length * 9 + (long) v6Bits.length * 8 + 4L * slots.length + lo.size() * 24L;
    }
}
