package org.blackout.core.rib;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import org.blackout.wire.net.Prefix;

/**
 * Interns prefixes as dense int ids (0, 1, 2, ...) so that per-peer tables store an int, not an
 * object. IPv4 prefixes key a primitive map; IPv6 prefixes, far fewer, key an object map. Ids are
 * never reused: the table only grows (a prefix withdrawn everywhere keeps its id, which is what
 * lets an entity remember the space it lost).
 */
public final class PrefixTable {
    public static final int NONE = -1;

    private final Long2IntOpenHashMap v4 = new Long2IntOpenHashMap();
    private final Object2IntOpenHashMap<Prefix> v6 = new Object2IntOpenHashMap<>();
    private long[] hi = new long[1024];
    private long[] lo = new long[1024];
    private byte[] len = new byte[1024];
    private long[] v6Bits = new long[16];
    private int size;

    public PrefixTable() {
        v4.defaultReturnValue(NONE);
        v6.defaultReturnValue(NONE);
    }

    /** The id of {@code p}, interning it on first sight. */
    public int intern(Prefix p) {
        int id = find(p);
        if (id != NONE) return id;
        id = size++;
        if (id == hi.length) grow();
        hi[id] = p.hi();
        lo[id] = p.lo();
        len[id] = (byte) p.length();
        if (p.v6()) {
            v6Bits[id >>> 6] |= 1L << id;
            v6.put(p, id);
        } else {
            v4.put(v4Key(p), id);
        }
        return id;
    }

    /** The id of {@code p}, or {@link #NONE} when never seen. */
    public int find(Prefix p) {
        return p.v6() ? v6.getInt(p) : v4.get(v4Key(p));
    }

    private static long v4Key(Prefix p) {
        return (p.hi() >>> 24) | p.length();
    }

    private void grow() {
        int n = hi.length * 2;
        hi = Arrays.copyOf(hi, n);
        lo = Arrays.copyOf(lo, n);
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
        return lo[id];
    }

    public int length(int id) {
        return len[id];
    }

    public Prefix prefix(int id) {
        return new Prefix(isV6(id), hi[id], lo[id], len[id]);
    }

    /** Orders ids as {@link Prefix#compareTo} orders prefixes (family, address, then length). */
    public int compare(int a, int b) {
        boolean va = isV6(a), vb = isV6(b);
        if (va != vb) return va ? 1 : -1;
        int c = Long.compareUnsigned(hi[a], hi[b]);
        if (c != 0) return c;
        c = Long.compareUnsigned(lo[a], lo[b]);
        return c != 0 ? c : Integer.compare(len[a], len[b]);
    }

    /** True when prefix {@code outer} covers prefix {@code inner} (same family, inner at least as long). */
    public boolean covers(int outer, int inner) {
        if (isV6(outer) != isV6(inner) || len[inner] < len[outer]) return false;
        int l = len[outer];
        long mh = l >= 64 ? -1L : l == 0 ? 0L : -1L << (64 - l);
        long ml = l <= 64 ? 0L : l >= 128 ? -1L : -1L << (128 - l);
        return (hi[inner] & mh) == hi[outer] && (lo[inner] & ml) == lo[outer];
    }

    /** Bytes held by this table's arrays and maps, roughly; for the memory benchmark's breakdown. */
    public long approximateBytes() {
        return (long) hi.length * 17 + (long) v6Bits.length * 8 + (long) v4.size() * 16 * 4 / 3 + v6.size() * 100L;
    }
}
