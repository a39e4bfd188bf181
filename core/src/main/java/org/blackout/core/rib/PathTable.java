package org.blackout.core.rib;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Interns AS paths as dense int ids, counts the routes using each and frees the unused ones.
 *
 * <p>A path is kept as its AS_SEQUENCE hops (as received, prepends included) and its origin AS(es)
 * (one, or the members of a trailing AS_SET), packed in one byte pool:
 * {@code varint(hopCount << 2 | width - 1), varint(originCount), hops..., origins...}, every AS in
 * {@code width} bytes (2 when all of the path's ASes fit 16 bits, 3 for 24, else 4), so that any hop
 * is read in constant time. About 14–20 bytes for a typical path instead of 32 as ints; with its
 * offset, reference count and hash slots a path costs ~30–36 bytes. The hash is not stored: it is
 * recomputed from the record when the lookup table grows or a path leaves it.
 *
 * <p>Reference counts ({@link #retain}, {@link #release}) are kept by {@link RoutingState} on every
 * route change. A path whose count falls to zero is not freed at once: {@link #collect} frees them
 * at a safe point (the engine calls {@link #collectAged} when a bin closes, which spares the paths
 * that fell out of use during that bin: most are flaps), tells the {@linkplain #onFree holders of
 * per-path caches} so they forget the id, and hands the id out again to the next new path. The pool
 * is compacted in place when a quarter of it is dead; ids of live paths never change.
 */
public final class PathTable {
    private static final int ID_BITS = 27;
    private static final int ID_MASK = (1 << ID_BITS) - 1;
    /** 134 M paths: a billion routes from 1,000 peers need about 90 M (see bench/PERFORMANCE.md). */
    static final int MAX_IDS = ID_MASK - 1;
    private static final int DEAD = 0; // header byte of a freed record; a live header is never 0 (width - 1 >= 1)

    private byte[] pool = new byte[1 << 16];
    private int poolSize;
    private long garbage;
    /**
     * Per id, side by side: the record's pool offset (-1 when free) and the count of routes using it,
     * so that the count a route change updates sits in the cache line the lookup just read.
     */
    private int[] meta = new int[2 << 12];
    private int idLimit;
    private int live;
    private final IntArrayList freeIds = new IntArrayList();
    /** Paths new or released to zero since the last collection: the only ones that can be dead. */
    private BitSet candidates = new BitSet();
    /** The candidates of the collection before, kept one round by {@link #collectAged}. */
    private BitSet aging = new BitSet();
    private final List<IntConsumer> freeListeners = new ArrayList<>();
    private long collections;
    /**
     * Open addressing with linear probing, at most 2/3 full: a slot holds id + 1 in its low 27 bits
     * and 5 more bits of the path's hash above them (0 when empty), so that a probe reads the pool
     * only once in 32 times when the path is not the one sought: the hash itself is not stored.
     */
    private int[] slots = new int[1 << 13];
    /**
     * A freed path's slot: lookups probe past it, a new path may take it. Shifting the cluster back
     * instead re-hashed every path after it from the pool (a twentieth of a day's replay, JFR).
     * The id bits of a tombstone are all ones, which no id + 1 reaches (ids stay below {@link #MAX_IDS}).
     */
    private static final int TOMBSTONE = ID_MASK;
    private int tombstones;

    /** The id of the path with these hops and origins, interning it on first sight. */
    public int intern(long[] hops, long[] origins) {
        int h = hashOf(hops, origins);
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        int tag = tag(h);
        int free = -1;
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if (s == TOMBSTONE) {
                if (free < 0) free = i;
            } else if ((s & ~ID_MASK) == tag && sameAs((s & ID_MASK) - 1, hops, origins)) {
                return (s & ID_MASK) - 1;
            }
        }
        if (free >= 0) {
            i = free;
            tombstones--;
        }
        int id;
        if (!freeIds.isEmpty()) {
            id = freeIds.popInt();
        } else {
            if (idLimit == MAX_IDS) throw new IllegalStateException("AS path table is full (" + MAX_IDS + " paths)");
            id = idLimit++;
            if (2 * id == meta.length) meta = Arrays.copyOf(meta, 2 * (id + (id >>> 1)));
        }
        live++;
        meta[2 * id] = append(hops, origins);
        meta[2 * id + 1] = 0;
        candidates.set(id); // a path interned but never used is dead too
        slots[i] = tag | (id + 1);
        if ((live + tombstones) * 3L > slots.length * 2L) rehash(live * 2L > slots.length ? slots.length * 2 : slots.length);
        return id;
    }

    private int append(long[] hops, long[] origins) {
        int w = 2;
        for (long a : hops) w = Math.max(w, width(a));
        for (long a : origins) w = Math.max(w, width(a));
        int need = poolSize + 10 + w * (hops.length + origins.length);
        if (need > pool.length) {
            long n = Math.max(need, pool.length + (long) (pool.length >>> 1));
            if (n > Integer.MAX_VALUE - 16) {
                if (need > Integer.MAX_VALUE - 16) throw new IllegalStateException("AS path pool is full (2 GiB)");
                n = Integer.MAX_VALUE - 16;
            }
            pool = Arrays.copyOf(pool, (int) n);
        }
        int o = poolSize;
        int p = putVarint(o, (hops.length << 2) | (w - 1));
        p = putVarint(p, origins.length);
        for (long a : hops) p = put(p, a, w);
        for (long a : origins) p = put(p, a, w);
        poolSize = p;
        return o;
    }

    private static int width(long asn) {
        return asn < (1L << 16) ? 2 : asn < (1L << 24) ? 3 : 4;
    }

    private int putVarint(int p, int v) {
        while ((v & ~0x7f) != 0) {
            pool[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        pool[p++] = (byte) v;
        return p;
    }

    private int varint(int p) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = pool[p++];
            v |= (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
    }

    private int put(int p, long a, int w) {
        for (int k = w - 1; k >= 0; k--) pool[p++] = (byte) (a >>> (8 * k));
        return p;
    }

    private long read(int p, int w) {
        long v = 0;
        for (int k = 0; k < w; k++) v = (v << 8) | (pool[p + k] & 0xff);
        return v;
    }

    /** First byte after the two counts of the record at {@code o}. */
    private int dataStart(int o) {
        int p = o;
        while (pool[p++] < 0) { }
        while (pool[p++] < 0) { }
        return p;
    }

    private int width(int id) {
        return (pool[meta[2 * id]] & 3) + 1;
    }

    private int recordLength(int o) {
        int w = (pool[o] & 3) + 1;
        int hops = varint(o) >>> 2;
        int p = o;
        while (pool[p++] < 0) { }
        int origins = varint(p);
        return dataStart(o) - o + w * (hops + origins);
    }

    private boolean sameAs(int id, long[] hops, long[] origins) {
        int o = meta[2 * id];
        byte b0 = pool[o], b1 = pool[o + 1];
        int p;
        if (b0 >= 0 && b1 >= 0) { // both counts in one byte each: nearly every path
            if (b0 >>> 2 != hops.length || b1 != origins.length) return false;
            p = o + 2;
        } else {
            if (hopCount(id) != hops.length || originCount(id) != origins.length) return false;
            p = dataStart(o);
        }
        int w = (b0 & 3) + 1;
        for (long a : hops) {
            if (read(p, w) != (a & 0xffffffffL)) return false;
            p += w;
        }
        for (long a : origins) {
            if (read(p, w) != (a & 0xffffffffL)) return false;
            p += w;
        }
        return true;
    }

    private void rehash(int capacity) {
        int[] n = new int[capacity];
        int mask = n.length - 1;
        for (int id = 0; id < idLimit; id++) {
            if (meta[2 * id] < 0) continue;
            int h = hashOf(id);
            int i = mix(h) & mask;
            while (n[i] != 0) i = (i + 1) & mask;
            n[i] = tag(h) | (id + 1);
        }
        slots = n;
        tombstones = 0;
    }

    private static int hashOf(long[] hops, long[] origins) {
        int h = 1;
        for (long a : hops) h = 31 * h + (int) a;
        h = 31 * h + 0x5bd1e995;
        for (long a : origins) h = 31 * h + (int) a;
        return h;
    }

    /** {@link #hashOf(long[], long[])} of a stored path, read from the pool. */
    private int hashOf(int id) {
        return hashAt(meta[2 * id]);
    }

    private int hashAt(int o) {
        int w = (pool[o] & 3) + 1;
        int hops = varint(o) >>> 2;
        int p = o;
        while (pool[p++] < 0) { }
        int origins = varint(p);
        p = dataStart(o);
        int h = 1;
        for (int k = 0; k < hops; k++, p += w) h = 31 * h + (int) read(p, w);
        h = 31 * h + 0x5bd1e995;
        for (int k = 0; k < origins; k++, p += w) h = 31 * h + (int) read(p, w);
        return h;
    }

    private static int tag(int h) {
        return mix(h) & ~ID_MASK; // the high bits: the slot index takes the low ones
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    // ---- reference counts and collection

    /** One more route uses the path. */
    public void retain(int id) {
        meta[2 * id + 1]++;
    }

    /** One route fewer uses the path; at zero it becomes a candidate for the next {@link #collect}. */
    public void release(int id) {
        int n = --meta[2 * id + 1];
        if (n == 0) candidates.set(id);
        else if (n < 0) throw new IllegalStateException("path " + id + " released more often than retained");
    }

    /** Routes using the path (as counted by {@link #retain}/{@link #release}). */
    public int refCount(int id) {
        return meta[2 * id + 1];
    }

    /** True while the id names a path (interned and not freed). */
    public boolean isLive(int id) {
        return id >= 0 && id < idLimit && meta[2 * id] >= 0;
    }

    /**
     * Registers a holder of per-path-id state, told each id {@link #collect} frees (before the id
     * can be handed out again): it must forget what it knew of the path.
     */
    public void onFree(IntConsumer freed) {
        freeListeners.add(freed);
    }

    /**
     * Frees every path no route uses (count zero), telling the {@link #onFree} listeners, and
     * compacts the pool when a quarter of it is dead. Call at a safe point: an id freed here may
     * name another path after the next {@link #intern}. Returns how many paths were freed.
     */
    public int collect() {
        int freed = sweep(aging, null) + sweep(candidates, null);
        return afterSweep(freed);
    }

    /**
     * As {@link #collect}, but a path that fell out of use since the last call is kept until the
     * next one: most withdrawals are flaps (a median of 43 s on route-views2), and a path freed at
     * one bin's end would be interned again in the next. The engine calls this when a bin closes, so
     * a path is freed after it has been unused for one to two bins.
     */
    public int collectAged() {
        int freed = sweep(aging, candidates); // one released again since stays a candidate a round more
        BitSet t = aging;
        aging = candidates;
        candidates = t;
        return afterSweep(freed);
    }

    /** Frees the dead paths among {@code ids} but those in {@code spared}, and clears it. */
    private int sweep(BitSet ids, BitSet spared) {
        int freed = 0;
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            if (meta[2 * id + 1] != 0 || meta[2 * id] < 0 || spared != null && spared.get(id)) continue;
            free(id);
            freed++;
        }
        ids.clear();
        return freed;
    }

    private int afterSweep(int freed) {
        if (freed > 0) collections++;
        if (garbage > (1 << 16) && garbage * 4 > poolSize) compactPool();
        if (freed > 0 && slots.length > (1 << 13) && live * 6L < slots.length) rehash(slots.length / 2);
        return freed;
    }

    /** How many collections freed something: holders may compare it instead of listening. */
    public long collections() {
        return collections;
    }

    private void free(int id) {
        unlink(id);
        int o = meta[2 * id];
        int len = recordLength(o);
        pool[o] = DEAD;
        putVarint(o + 1, len); // fits: a record is at least two bytes, and its length's varint one shorter
        garbage += len;
        meta[2 * id] = -1;
        live--;
        freeIds.push(id);
        for (IntConsumer l : freeListeners) l.accept(id);
    }

    /** Removes an id from the lookup table, leaving a tombstone in its slot. */
    private void unlink(int id) {
        int mask = slots.length - 1;
        int i = mix(hashOf(id)) & mask;
        while ((slots[i] & ID_MASK) != id + 1) i = (i + 1) & mask;
        slots[i] = TOMBSTONE;
        tombstones++;
    }

    /** Slides the live records down over the dead ones, in pool order; each finds its id by lookup. */
    private void compactPool() {
        int r = 0, w = 0;
        int mask = slots.length - 1;
        while (r < poolSize) {
            if (pool[r] == DEAD) {
                r += varint(r + 1);
                continue;
            }
            int len = recordLength(r);
            int id = -1;
            // the record's id is the one whose offset is r (offsets already moved are all below r)
            for (int i = mix(hashAt(r)) & mask; ; i = (i + 1) & mask) {
                int s = slots[i];
                if (s == 0) throw new IllegalStateException("AS path pool: no id for the record at " + r);
                if (s == TOMBSTONE) continue;
                if (meta[2 * ((s & ID_MASK) - 1)] == r) {
                    id = (s & ID_MASK) - 1;
                    break;
                }
            }
            System.arraycopy(pool, r, pool, w, len);
            meta[2 * id] = w;
            w += len;
            r += len;
        }
        poolSize = w;
        garbage = 0;
        if (pool.length > (1 << 16) && pool.length > 2L * poolSize) {
            pool = Arrays.copyOf(pool, Math.max(1 << 16, poolSize + (poolSize >>> 2)));
        }
    }

    // ---- reading

    /** Paths interned and not freed. */
    public int size() {
        return live;
    }

    /** One more than the highest id ever handed out: the size for arrays indexed by path id. */
    public int idLimit() {
        return idLimit;
    }

    public int hopCount(int id) {
        int o = meta[2 * id];
        byte b = pool[o];
        return b >= 0 ? b >>> 2 : varint(o) >>> 2;
    }

    public long hop(int id, int i) {
        int o = meta[2 * id];
        int w = (pool[o] & 3) + 1;
        return read(dataStart(o) + i * w, w);
    }

    public int originCount(int id) {
        int p = meta[2 * id];
        while (pool[p++] < 0) { }
        byte b = pool[p];
        return b >= 0 ? b : varint(p);
    }

    public long origin(int id, int i) {
        int o = meta[2 * id];
        int w = (pool[o] & 3) + 1;
        return read(dataStart(o) + (hopCount(id) + i) * w, w);
    }

    public long[] hops(int id) {
        long[] r = new long[hopCount(id)];
        int w = width(id);
        int p = dataStart(meta[2 * id]);
        for (int i = 0; i < r.length; i++, p += w) r[i] = read(p, w);
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
        return pool.length + 4L * (meta.length + slots.length + freeIds.elements().length)
                + (candidates.size() + aging.size()) / 8;
    }

    /** Bytes of the pool holding records of freed paths, until the next compaction. */
    public long garbageBytes() {
        return garbage;
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
