package org.blackout.core.rib;

import java.util.Arrays;

/**
 * Interns AS paths as dense int ids. A path is kept as its AS_SEQUENCE hops (as received,
 * prepends included) and its origin AS(es) (one, or the members of a trailing AS_SET), all packed
 * in one int pool: {@code [hopCount, hops..., originCount, origins...]}. AS numbers are 32-bit
 * unsigned and stored as ints. A full table from dozens of peers shares a few hundred thousand
 * distinct paths, so a route costs one int in its peer's table.
 */
public final class PathTable {
    private int[] pool = new int[1 << 16];
    private int poolSize;
    private int[] offset = new int[1 << 12];
    private int[] hash = new int[1 << 12];
    private int size;
    /** Open addressing: slot holds id + 1, 0 when empty. */
    private int[] slots = new int[1 << 13];

    /** The id of the path with these hops and origins, interning it on first sight. */
    public int intern(long[] hops, long[] origins) {
        int h = hashOf(hops, origins);
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            int id = s - 1;
            if (hash[id] == h && sameAs(id, hops, origins)) return id;
        }
        int id = size++;
        if (id == offset.length) {
            offset = Arrays.copyOf(offset, id + (id >>> 1));
            hash = Arrays.copyOf(hash, id + (id >>> 1));
        }
        int need = poolSize + 2 + hops.length + origins.length;
        if (need > pool.length) pool = Arrays.copyOf(pool, Math.max(need, pool.length + (pool.length >>> 1)));
        offset[id] = poolSize;
        hash[id] = h;
        pool[poolSize++] = hops.length;
        for (long a : hops) pool[poolSize++] = (int) a;
        pool[poolSize++] = origins.length;
        for (long a : origins) pool[poolSize++] = (int) a;
        slots[i] = id + 1;
        if (size * 3L > slots.length * 2L) rehash();
        return id;
    }

    private boolean sameAs(int id, long[] hops, long[] origins) {
        int o = offset[id];
        if (pool[o] != hops.length) return false;
        for (int k = 0; k < hops.length; k++) if (pool[o + 1 + k] != (int) hops[k]) return false;
        o += 1 + hops.length;
        if (pool[o] != origins.length) return false;
        for (int k = 0; k < origins.length; k++) if (pool[o + 1 + k] != (int) origins[k]) return false;
        return true;
    }

    private void rehash() {
        int[] n = new int[slots.length * 2];
        int mask = n.length - 1;
        for (int id = 0; id < size; id++) {
            int i = mix(hash[id]) & mask;
            while (n[i] != 0) i = (i + 1) & mask;
            n[i] = id + 1;
        }
        slots = n;
    }

    private static int hashOf(long[] hops, long[] origins) {
        int h = 1;
        for (long a : hops) h = 31 * h + (int) a;
        h = 31 * h + 0x5bd1e995;
        for (long a : origins) h = 31 * h + (int) a;
        return h;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public int size() {
        return size;
    }

    public int hopCount(int id) {
        return pool[offset[id]];
    }

    public long hop(int id, int i) {
        return Integer.toUnsignedLong(pool[offset[id] + 1 + i]);
    }

    public int originCount(int id) {
        int o = offset[id];
        return pool[o + 1 + pool[o]];
    }

    public long origin(int id, int i) {
        int o = offset[id];
        return Integer.toUnsignedLong(pool[o + 2 + pool[o] + i]);
    }

    public long[] hops(int id) {
        long[] r = new long[hopCount(id)];
        for (int i = 0; i < r.length; i++) r[i] = hop(id, i);
        return r;
    }

    public long[] origins(int id) {
        long[] r = new long[originCount(id)];
        for (int i = 0; i < r.length; i++) r[i] = origin(id, i);
        return r;
    }

    /** True when {@code asn} is one of the path's origins. */
    public boolean originates(int id, long asn) {
        int n = originCount(id);
        for (int i = 0; i < n; i++) if (origin(id, i) == asn) return true;
        return false;
    }

    /**
     * The neighbour just before the origin on this path, prepends collapsed; -1 when there is
     * none (the peer itself originates the route). With an AS_SET origin the last hop of the
     * sequence is the upstream.
     */
    public long upstreamOfOrigin(int id) {
        int n = hopCount(id);
        if (n == 0) return -1;
        long last = hop(id, n - 1);
        if (!originates(id, last)) return last; // AS_SET at the end: the sequence's tail aggregated it
        for (int i = n - 2; i >= 0; i--) {
            long a = hop(id, i);
            if (a != last) return a;
        }
        return -1;
    }

    /** Bytes held by this table's arrays. */
    public long approximateBytes() {
        return 4L * (pool.length + offset.length + hash.length + slots.length);
    }

    /** The path as bgpdump prints it: hops separated by spaces. */
    public String toString(int id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = hopCount(id); i < n; i++) {
            if (i > 0) sb.append(' ');
            sb.append(hop(id, i));
        }
        return sb.toString();
    }
}
