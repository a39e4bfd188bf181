package org.blackout.core.signal;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.entity.CountryCode;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.PathTable;
import org.blackout.core.rib.PeerBits;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.PrefixTable;
import org.blackout.core.rib.RoutingState;

/**
 * Computes an entity's state from the routing state: the part that does not depend on the bin's
 * counters. Pure function of its inputs.
 *
 * <p>Visible space: member prefixes sorted by address form a nesting forest (two prefixes are
 * either disjoint or one covers the other). An address is seen by a peer when the peer has a
 * route to any member prefix covering it, so walking the forest with the union of peer sets along
 * the path from the root gives, for each prefix's own part (its space minus its children's), the
 * peers that see it. That part counts as visible when more than {@code threshold} of the
 * full-feed peers of its family see it.
 */
public final class SignalCalculator {
    /** Upstreams below this share are left out of signals. */
    public static final int MAX_UPSTREAMS = 10;

    private final RoutingState routing;
    private final EntityIndex index;
    private final EntityMaps maps;
    private final double threshold;
    private final PrefixVisibility prefixes;
    private long now;
    private long recentMicros;
    /**
     * Border AS per path id for the country last asked, as {@code (country + 1) << 33 | (border + 1)}
     * (0: not computed). Interned paths never change, and a country's members share few paths while
     * every peer's route to every member is walked each bin: without it the hop-by-hop AS→country
     * look-ups were a quarter of a three-day replay (JFR).
     */
    private long[] borders = new long[1024];
    /** Opaque access to {@link #borders}: workers of {@link #computeAll} share it, and a long must not tear. */
    private static final VarHandle BORDER = MethodHandles.arrayElementVarHandle(long[].class);
    private CoveringPrefixes covering;
    private static final int DENSE_ASNS = 1 << 19;
    private short[] asCountries;
    private static final PrefixVisibility.Status[] STATUSES = PrefixVisibility.Status.values();
    /** Scratch of the calling thread's {@link #compute}; each worker of {@link #computeAll} has its own. */
    private final Scratch scratch = new Scratch();
    private int threads = DEFAULT_THREADS;

    /** Threads {@link #computeAll} uses by default: the machine's cores, at most four. */
    public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Members' peer sets and statuses copied in member order, reused between calls of one thread. */
    private static final class Scratch {
        long[] rowsOf = new long[1024];
        byte[] statusOf = new byte[1024];
    }

    public SignalCalculator(RoutingState routing, EntityIndex index, EntityMaps maps, double threshold, PrefixVisibility prefixes) {
        this.routing = routing;
        this.index = index;
        this.maps = maps;
        this.threshold = threshold;
        this.prefixes = prefixes;
    }

    /** The data time states are computed for, and how recent a withdrawal must be to count as a new loss. */
    public void clock(long nowMicros, long recentMicros) {
        this.now = nowMicros;
        this.recentMicros = recentMicros;
    }

    /**
     * The bin-independent part of a signal.
     *
     * @param knownPrefixes prefixes that can be judged: carried by at least one active peer, not retired
     * @param lostPrefixes  known prefixes withdrawn by their carriers (see {@link PrefixVisibility}),
     *                      not counting those whose space a reachable covering member still carries
     * @param recentLost    lost prefixes whose last withdrawal came within the recent window: a new loss
     * @param recentLostSlash24 their IPv4 space in /24 equivalents, not counting space still under a visible aggregate
     * @param recentCovered     recently lost prefixes whose space a visible covering prefix still carries
     * @param agreeing      peers that withdrew at least one recently lost prefix
     * @param carrying      peers that carried at least one recently lost prefix
     */
    public record State(double visibleSlash24, int visiblePrefixes, int peersSeeing, List<Upstream> upstreams,
                        int knownPrefixes, int lostPrefixes, int recentLost, double recentLostSlash24,
                        int agreeing, int carrying, int recentCovered) {
        public static final State EMPTY = new State(0, 0, 0, List.of(), 0, 0, 0, 0, 0, 0, 0);
    }

    public State compute(int entityId) {
        return compute(entityId, null);
    }

    /** As {@link #compute(int)}, also listing the recently lost prefix ids in {@code lostOut} when not null. */
    public State compute(int entityId, it.unimi.dsi.fastutil.ints.IntList lostOut) {
        return compute(entityId, lostOut, recentMicros);
    }

    /** As {@link #compute(int, it.unimi.dsi.fastutil.ints.IntList)} with another window for "recent" losses. */
    public State compute(int entityId, it.unimi.dsi.fastutil.ints.IntList lostOut, long recentMicros) {
        prepare();
        return compute(entityId, lostOut, recentMicros, scratch);
    }

    /** How many threads {@link #computeAll} may use (1: the caller's alone). */
    public void threads(int n) {
        if (n < 1) throw new IllegalArgumentException("signal threads must be at least 1: " + n);
        threads = n;
    }

    public int threads() {
        return threads;
    }

    /**
     * The states of {@code entities[0..count)}, into {@code out[entity]}: the same as calling
     * {@link #compute(int)} for each, spread over {@link #threads()} threads (the caller's among them).
     * The routing state must not change meanwhile; a closed bin's state is frozen, and each state is a
     * pure function of it, so which thread computes which entity does not show in the results. The
     * shared caches (border AS per path, covering prefixes, AS → country) are grown here first and
     * only ever hold values every thread would compute alike.
     */
    public void computeAll(int[] entities, int count, State[] out) {
        prepare();
        int workers = Math.min(threads, count);
        if (workers <= 1 || members(entities, count) < PARALLEL_MIN_MEMBERS) {
            for (int k = 0; k < count; k++) out[entities[k]] = compute(entities[k], null, recentMicros, scratch);
            return;
        }
        // largest first, handed out one at a time: a country of 50 k members next to 200 of a few
        int[] byWork = largestFirst(entities, count);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long recent = recentMicros;
        java.util.List<java.util.concurrent.Future<?>> helpers = new ArrayList<>(workers - 1);
        for (int t = 1; t < workers; t++) {
            helpers.add(Workers.pool().submit(() -> {
                Scratch mine = new Scratch();
                for (int k; (k = next.getAndIncrement()) < count; ) out[byWork[k]] = compute(byWork[k], null, recent, mine);
            }));
        }
        RuntimeException failed = null;
        try {
            for (int k; (k = next.getAndIncrement()) < count; ) out[byWork[k]] = compute(byWork[k], null, recent, scratch);
        } catch (RuntimeException e) {
            next.set(count); // stop the helpers at their next entity
            failed = e;
        }
        for (java.util.concurrent.Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted computing signals", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (failed == null) failed = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        if (failed != null) throw failed;
    }

    /** Below this many members in all, handing entities to another thread costs more than it saves. */
    private static final int PARALLEL_MIN_MEMBERS = 20_000;

    private long members(int[] entities, int count) {
        long n = 0;
        for (int k = 0; k < count; k++) n += index.members(entities[k]).size();
        return n;
    }

    private int[] largestFirst(int[] entities, int count) {
        int[] byWork = java.util.Arrays.copyOf(entities, count);
        int[] size = new int[count];
        Integer[] pos = new Integer[count];
        for (int k = 0; k < count; k++) {
            size[k] = index.members(entities[k]).size();
            pos[k] = k;
        }
        java.util.Arrays.sort(pos, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
        for (int k = 0; k < count; k++) byWork[k] = entities[pos[k]];
        return byWork;
    }

    /** Grows the shared caches to the current tables, so workers only read and fill them in place. */
    private void prepare() {
        int paths = routing.paths().size();
        if (paths > borders.length) borders = java.util.Arrays.copyOf(borders, Math.max(paths, borders.length * 2));
        if (asCountries == null) asCountries = new short[DENSE_ASNS];
        if (covering == null) covering = new CoveringPrefixes(routing.prefixes());
        covering.catchUp();
    }

    /** The helper threads of {@link #computeAll}, shared by every calculator: daemons, started on first use. */
    private static final class Workers {
        private static volatile java.util.concurrent.ExecutorService pool;

        static java.util.concurrent.ExecutorService pool() {
            java.util.concurrent.ExecutorService p = pool;
            if (p != null) return p;
            synchronized (Workers.class) {
                if (pool == null) {
                    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                    pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "signals-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                return pool;
            }
        }
    }

    private State compute(int entityId, it.unimi.dsi.fastutil.ints.IntList lostOut, long recentMicros, Scratch scratch) {
        EntityIndex.Members m = index.members(entityId);
        int n = m.size();
        if (n == 0) return State.EMPTY;
        PrefixTable pt = routing.prefixes();
        PeerBits bits = routing.peerBits();
        int words = bits.words();
        int[] order = m.sortedOrder();
        if (order == null || order.length != n) {
            order = order == null ? prefixOrder(m, pt, 0) : merge(order, prefixOrder(m, pt, order.length), m, pt);
            m.sortedOrder(order);
        }

        long[] mask4 = routing.fullFeedMask(false), mask6 = routing.fullFeedMask(true);
        int full4 = routing.fullFeedCount(false), full6 = routing.fullFeedCount(true);
        long[] seeing = new long[Math.max(words, mask4.length)];
        double visible = 0;
        int visiblePrefixes = 0;
        int known = 0, lost = 0, recent = 0, recentCovered = 0;
        double recentSlash24 = 0;
        int pw = prefixes.words();
        long[] carriersOfLost = new long[pw], goneOfLost = new long[pw];
        boolean[] reach = new boolean[Math.min(n, 129) + 1];

        // Pass 1, in member order (for countries that is prefix-id order, as members join when their
        // prefix is first seen): each member's peer set and status. Reading the per-prefix rows in
        // address order instead missed the cache for nearly every member of a large entity, the
        // calculator's main cost (JFR); the walk below reads these compact copies.
        if (scratch.rowsOf.length < n * words) scratch.rowsOf = new long[Math.max(n * words, scratch.rowsOf.length * 2)];
        if (scratch.statusOf.length < n) scratch.statusOf = new byte[Math.max(n, scratch.statusOf.length * 2)];
        long[] rowsOf = scratch.rowsOf;
        byte[] statusOf = scratch.statusOf;
        for (int i = 0; i < n; i++) {
            int p = m.prefix(i);
            for (int w = 0; w < words; w++) rowsOf[i * words + w] = bits.word(p, w);
            statusOf[i] = (byte) prefixes.status(p, now).ordinal();
        }

        // stack of enclosing members: index into order, cumulative peer set, visibility
        int[] stack = new int[n];
        long[][] cum = new long[Math.min(n, 129) + 1][words];
        boolean[] vis = new boolean[Math.min(n, 129) + 1];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            int p = m.prefix(i);
            boolean v6 = pt.isV6(p);
            long[] mask = v6 ? mask6 : mask4;
            int full = v6 ? full6 : full4;
            while (depth > 0 && !pt.covers(m.prefix(stack[depth - 1]), p)) depth--;
            if (depth >= cum.length) depth = cum.length - 1; // cannot happen: nesting depth ≤ 129
            long[] c = cum[depth];
            int own = 0;
            for (int w = 0; w < words; w++) {
                long row = rowsOf[i * words + w];
                c[w] = (depth > 0 ? cum[depth - 1][w] : 0) | row;
                if (w < mask.length) {
                    seeing[w] |= row & mask[w];
                    own += Long.bitCount(row & mask[w]);
                }
            }
            if (full > 0 && own > threshold * full) visiblePrefixes++;
            int covered = 0;
            for (int w = 0; w < words && w < mask.length; w++) covered += Long.bitCount(c[w] & mask[w]);
            boolean visibleHere = full > 0 && covered > threshold * full;
            vis[depth] = visibleHere;
            double weight = m.weight(i);
            // per prefix among its carriers: a lost prefix inside a reachable member is not lost space
            boolean parentReach = depth > 0 && reach[depth - 1];
            switch (STATUSES[statusOf[i]]) {
                case VISIBLE -> {
                    known++;
                    reach[depth] = true;
                }
                case LOST -> {
                    known++;
                    // a prefix withdrawn by its carriers is lost as a prefix; its space may still be
                    // reachable under a visible aggregate (the entity's own or a provider's, any origin)
                    boolean reachable = parentReach || coveredByVisible(pt, p);
                    reach[depth] = reachable;
                    lost++;
                    if (now - prefixes.lastWithdrawal(p) <= recentMicros) {
                        recent++;
                        if (reachable) recentCovered++;
                        else if (!v6) recentSlash24 += weight;
                        prefixes.orPeers(p, carriersOfLost, goneOfLost);
                        if (lostOut != null) lostOut.add(p);
                    }
                }
                default -> reach[depth] = parentReach;
            }
            if (visibleHere) visible += weight;
            if (depth > 0 && vis[depth - 1]) visible -= weight; // the parent's own part shrinks by this child
            stack[depth++] = i;
        }
        int peersSeeing = 0;
        for (long w : seeing) peersSeeing += Long.bitCount(w);
        int agreeing = 0, carrying = 0;
        for (int w = 0; w < pw; w++) {
            agreeing += Long.bitCount(goneOfLost[w]);
            carrying += Long.bitCount(carriersOfLost[w]);
        }
        return new State(visible, visiblePrefixes, peersSeeing, upstreams(index.get(entityId), m), known, lost, recent,
                recentSlash24, agreeing, carrying, recentCovered);
    }

    /** Whether a shorter prefix covering {@code p}, of any origin, is visible among its own carriers. */
    private boolean coveredByVisible(PrefixTable pt, int p) {
        for (int q : covering.of(p)) if (prefixes.status(q, now) == PrefixVisibility.Status.VISIBLE) return true;
        return false;
    }

    /**
     * Indexes of the members from {@code from} on, in prefix order: IPv4 members by a radix sort on
     * (address, length), IPv6 ones (fewer, 128-bit) by comparison, after them as
     * {@link PrefixTable#compare} orders families.
     */
    static int[] prefixOrder(EntityIndex.Members m, PrefixTable pt, int from) {
        int n = m.size(), n4 = 0;
        for (int i = from; i < n; i++) if (!pt.isV6(m.prefix(i))) n4++;
        int[] v4 = new int[n4], v6 = new int[n - from - n4];
        long[] keys = new long[n4];
        int[] v4Members = new int[n4];
        for (int i = from, a = 0, b = 0; i < n; i++) {
            int p = m.prefix(i);
            if (pt.isV6(p)) {
                v6[b++] = i;
            } else {
                keys[a] = v4Key(pt, p);
                v4Members[a] = i;
                v4[a] = a;
                a++;
            }
        }
        if (n4 > 1) it.unimi.dsi.fastutil.longs.LongArrays.radixSortIndirect(v4, keys, true);
        int[] order = new int[n - from];
        // v4[] holds positions among the IPv4 members: map them back to member indexes
        for (int k = 0; k < n4; k++) order[k] = v4Members[v4[k]];
        if (v6.length > 1) IntArrays.quickSort(v6, (x, y) -> pt.compare(m.prefix(x), m.prefix(y)));
        System.arraycopy(v6, 0, order, n4, v6.length);
        return order;
    }

    /**
     * Merges members that joined since the last order into it: between bins a large entity gains a
     * few members, and re-sorting all of them each time was the calculator's next cost (JFR). Members
     * are distinct prefixes, so the order is total and merging gives what a full sort would.
     */
    static int[] merge(int[] old, int[] added, EntityIndex.Members m, PrefixTable pt) {
        int[] out = new int[old.length + added.length];
        int i = 0, j = 0, k = 0;
        while (i < old.length && j < added.length) {
            out[k++] = before(pt, m.prefix(added[j]), m.prefix(old[i])) ? added[j++] : old[i++];
        }
        while (i < old.length) out[k++] = old[i++];
        while (j < added.length) out[k++] = added[j++];
        return out;
    }

    /** The order of {@link #prefixOrder}: IPv4 by (address, length), then IPv6 as {@link PrefixTable#compare}. */
    private static boolean before(PrefixTable pt, int a, int b) {
        boolean va = pt.isV6(a), vb = pt.isV6(b);
        if (va != vb) return vb;
        return va ? pt.compare(a, b) < 0 : v4Key(pt, a) < v4Key(pt, b);
    }

    private static long v4Key(PrefixTable pt, int p) {
        return ((pt.hi(p) >>> 32) << 8) | pt.length(p);
    }

    private List<Upstream> upstreams(Entity entity, EntityIndex.Members m) {
        PathTable paths = routing.paths();
        PrefixTable pt = routing.prefixes();
        Long2IntOpenHashMap counts = new Long2IntOpenHashMap();
        int total = 0;
        int country = entity instanceof Entity.Country c ? CountryCode.encode(c.code()) : -1;
        long asn = entity instanceof Entity.As a ? a.asn() : -1;
        long[] m4 = routing.fullFeedMask(false), m6 = routing.fullFeedMask(true);
        // a peer reaches most of an entity's prefixes over one path: count runs of a path, then its upstream
        int runPath = -1, run = 0;
        for (int peer = 0; peer < routing.peerCount(); peer++) {
            if (!routing.isFullFeed(peer)) continue;
            PeerRib rib = routing.rib(peer);
            for (int i = 0; i < m.size(); i++) {
                int p = m.prefix(i);
                long[] mask = pt.isV6(p) ? m6 : m4;
                if ((peer >>> 6) >= mask.length || (mask[peer >>> 6] & (1L << peer)) == 0) continue;
                int path = rib.get(p);
                if (path == PeerRib.NONE) continue;
                if (path == runPath) {
                    run++;
                    continue;
                }
                total += count(counts, paths, runPath, run, country, asn);
                runPath = path;
                run = 1;
            }
        }
        total += count(counts, paths, runPath, run, country, asn);
        if (total == 0) return List.of();
        List<Upstream> out = new ArrayList<>();
        for (Long2IntMap.Entry e : counts.long2IntEntrySet()) out.add(new Upstream(e.getLongKey(), (double) e.getIntValue() / total));
        out.sort((a, b) -> a.share() != b.share() ? Double.compare(b.share(), a.share()) : Long.compare(a.asn(), b.asn()));
        return out.size() > MAX_UPSTREAMS ? List.copyOf(out.subList(0, MAX_UPSTREAMS)) : out;
    }

    /** Adds {@code run} paths through {@code path} to the upstream counts; returns how many counted. */
    private int count(Long2IntOpenHashMap counts, PathTable paths, int path, int run, int country, long asn) {
        if (run == 0) return 0;
        long up;
        if (country >= 0) {
            up = border(paths, path, country);
        } else {
            if (asn >= 0 && !paths.originates(path, asn)) return 0;
            up = paths.upstreamOfOrigin(path);
        }
        if (up >= 0) counts.addTo(up, run);
        return run;
    }

    /**
     * The country's border AS on a path: walking from the origin towards the peer, the first AS not
     * registered in the country (an AS of unknown country counts as outside); -1 when the whole
     * path is inside.
     */
    private long border(PathTable paths, int path, int country) {
        long cached = (long) BORDER.getOpaque(borders, path); // grown by prepare(): every interned path fits
        if ((cached >>> 33) == country + 1) return (cached & ((1L << 33) - 1)) - 1;
        long b = walkBorder(paths, path, country);
        BORDER.setOpaque(borders, path, ((long) (country + 1) << 33) | (b + 1));
        return b;
    }

    /** AS → country: a RIB's new paths each walk their hops, and most ASNs are small enough for an array. */
    private int asCountry(long asn) {
        if (asn >= DENSE_ASNS) return maps.asCountry(asn);
        // allocated by prepare(); workers may fill a slot twice, with the same value (a short never tears)
        int v = asCountries[(int) asn];
        if (v == 0) asCountries[(int) asn] = (short) (v = maps.asCountry(asn) + 2); // 0: not looked up yet
        return v - 2;
    }

    private long walkBorder(PathTable paths, int path, int country) {
        int n = paths.hopCount(path);
        for (int i = n - 1; i >= 0; i--) {
            long a = paths.hop(path, i);
            if (asCountry(a) != country) return a;
        }
        return -1;
    }
}
