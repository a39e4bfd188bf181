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
    /** The visibility generation the snapshots taken now are of (set by {@link #prepare}). */
    private int generation;

    /** Threads {@link #computeAll} uses by default: the machine's cores, at most four. */
    public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Members' peer sets and statuses copied in member order, reused between calls of one thread. */
    private static final class Scratch {
        long[] rowsOf = new long[1024];
        byte[] statusOf = new byte[1024];
        /** Per member in prefix order: cumulative peer set (with its enclosing members'), visibility, reachability. */
        long[] cum = new long[1024];
        boolean[] vis = new boolean[1024], reach = new boolean[1024];
        final Walk walk = new Walk();
        /** Per peer, for the upstream count: the path of its current run of members and the run's length. */
        int[] runPath = new int[64], run = new int[64];

        void fit(int n, int words) {
            if (rowsOf.length < n * words) rowsOf = new long[Math.max(n * words, rowsOf.length * 2)];
            if (cum.length < n * words) cum = new long[Math.max(n * words, cum.length * 2)];
            if (statusOf.length < n) {
                int c = Math.max(n, statusOf.length * 2);
                statusOf = new byte[c];
                vis = new boolean[c];
                reach = new boolean[c];
            }
        }
    }

    public SignalCalculator(RoutingState routing, EntityIndex index, EntityMaps maps, double threshold, PrefixVisibility prefixes) {
        this.routing = routing;
        routing.paths().onFree(id -> { // a freed id may name another path next: forget its border
            if (id < borders.length) borders[id] = 0;
        });
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

    /** How many batches {@link #computeAll} spread over more than one thread (for tests and benchmarks). */
    public long parallelBins() {
        return parallelBins;
    }

    private long parallelBins;

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
        parallelBins++;
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
        long[] keys = new long[count]; // most members first, then in the given order (no comparator: see upstreams)
        for (int k = 0; k < count; k++) keys[k] = largestFirstKey(index.members(entities[k]).size(), k);
        java.util.Arrays.sort(keys);
        for (int k = 0; k < count; k++) byWork[k] = entities[(int) tieBreakOf(keys[k])];
        return byWork;
    }

    /** Grows the shared caches to the current tables, so workers only read and fill them in place. */
    private void prepare() {
        generation = prefixes.nextGeneration(); // snapshots taken from here on see every change stamped before
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
        Layout layout = layout(m, routing.prefixes());
        int words = routing.peerBits().words();
        scratch.fit(n, words);
        long[] rowsOf;
        byte[] statusOf;
        if (n >= SNAPSHOT_MIN) {
            Snapshot kept = refresh(m, n, words);
            rowsOf = kept.rows;
            statusOf = kept.status;
        } else {
            snapshot(m, n, words, scratch);
            rowsOf = scratch.rowsOf;
            statusOf = scratch.statusOf;
        }
        Walk walk = scratch.walk;
        walk.reset(prefixes.words(), Math.max(words, routing.fullFeedMask(false).length));
        walk(layout, words, walk, scratch, rowsOf, statusOf, lostOut, recentMicros);
        int peersSeeing = 0;
        for (long w : walk.seeing) peersSeeing += Long.bitCount(w);
        int agreeing = 0, carrying = 0;
        for (int w = 0; w < walk.goneOfLost.length; w++) {
            agreeing += Long.bitCount(walk.goneOfLost[w]);
            carrying += Long.bitCount(walk.carriersOfLost[w]);
        }
        return new State(walk.visible, walk.visiblePrefixes, peersSeeing, upstreams(index.get(entityId), m, words, scratch, rowsOf),
                walk.known, walk.lost, walk.recent, walk.recentSlash24, agreeing, carrying, walk.recentCovered);
    }

    /**
     * Pass 1, in member order (for countries that is prefix-id order, as members join when their
     * prefix is first seen): each member's peer set and status. Reading the per-prefix rows in
     * address order instead missed the cache for nearly every member of a large entity (JFR); the
     * walk reads these compact copies.
     */
    private void snapshot(EntityIndex.Members m, int n, int words, Scratch scratch) {
        PeerBits bits = routing.peerBits();
        long[] rowsOf = scratch.rowsOf;
        byte[] statusOf = scratch.statusOf;
        for (int i = 0; i < n; i++) {
            int p = m.prefix(i);
            for (int w = 0; w < words; w++) rowsOf[i * words + w] = bits.word(p, w);
            statusOf[i] = (byte) prefixes.status(p, now).ordinal();
        }
    }

    /** Entities with at least this many members keep their snapshot between bins ({@link #refresh}). */
    static final int SNAPSHOT_MIN = 512;

    /** A large entity's members' peer sets and statuses as of generation {@code at}, in member order. */
    static final class Snapshot {
        long[] rows = new long[0];
        byte[] status = new byte[0];
        int size, words, at;
    }

    /**
     * Pass 1 for a large entity: its kept snapshot, with only the members whose prefix changed since
     * (and the lost ones, which may retire with time) read again. A large country changes every bin,
     * but in a few of its tens of thousands of prefixes; reading every member's rows and status again
     * each bin was most of the calculator's time. Gives exactly what {@link #snapshot} would.
     */
    private Snapshot refresh(EntityIndex.Members m, int n, int words) {
        Snapshot s = m.snapshot;
        if (s == null) m.snapshot = s = new Snapshot();
        boolean all = s.words != words || prefixes.allChangedSince(s.at);
        if (s.rows.length < n * words) s.rows = java.util.Arrays.copyOf(s.rows, Math.max(n * words, s.rows.length * 3 / 2));
        if (s.status.length < n) s.status = java.util.Arrays.copyOf(s.status, Math.max(n, s.status.length * 3 / 2));
        PeerBits bits = routing.peerBits();
        long[] rows = s.rows;
        byte[] status = s.status;
        int kept = all ? 0 : s.size, at = s.at;
        byte lost = (byte) PrefixVisibility.Status.LOST.ordinal();
        for (int i = 0; i < n; i++) {
            int p = m.prefix(i);
            if (i < kept && status[i] != lost && !prefixes.changedSince(p, at)) continue;
            for (int w = 0; w < words; w++) rows[i * words + w] = bits.word(p, w);
            status[i] = (byte) prefixes.status(p, now).ordinal();
        }
        s.size = n;
        s.words = words;
        s.at = generation;
        return s;
    }

    /** What the walk over an entity's nesting forest adds up. */
    private static final class Walk {
        long[] seeing = new long[1], carriersOfLost = new long[1], goneOfLost = new long[1];
        double visible, recentSlash24;
        int visiblePrefixes, known, lost, recent, recentCovered;

        void reset(int peerWords, int seeingWords) {
            if (carriersOfLost.length != peerWords) {
                carriersOfLost = new long[peerWords];
                goneOfLost = new long[peerWords];
            } else {
                java.util.Arrays.fill(carriersOfLost, 0);
                java.util.Arrays.fill(goneOfLost, 0);
            }
            if (seeing.length != seeingWords) seeing = new long[seeingWords];
            else java.util.Arrays.fill(seeing, 0);
            visible = recentSlash24 = 0;
            visiblePrefixes = known = lost = recent = recentCovered = 0;
        }
    }

    /**
     * Pass 2, in prefix order: each member's peers are its own plus its enclosing members' (the
     * layout's parent), its own part visible when enough full-feed peers see it.
     */
    private void walk(Layout layout, int words, Walk walk, Scratch scratch, long[] rowsOf, byte[] statusOf,
                      it.unimi.dsi.fastutil.ints.IntList lostOut, long recentMicros) {
        long[] mask4 = routing.fullFeedMask(false), mask6 = routing.fullFeedMask(true);
        int full4 = routing.fullFeedCount(false), full6 = routing.fullFeedCount(true);
        long[] cum = scratch.cum;
        boolean[] vis = scratch.vis, reach = scratch.reach;
        long[] seeing = walk.seeing;
        int n = layout.size;
        for (int k = 0; k < n; k++) {
            int i = layout.order[k], parent = layout.parent[k];
            boolean v6 = k >= layout.firstV6;
            long[] mask = v6 ? mask6 : mask4;
            int full = v6 ? full6 : full4;
            int own = 0, covered = 0;
            for (int w = 0; w < words; w++) {
                long row = rowsOf[i * words + w];
                long c = (parent >= 0 ? cum[parent * words + w] : 0) | row;
                cum[k * words + w] = c;
                if (w < mask.length) {
                    seeing[w] |= row & mask[w];
                    own += Long.bitCount(row & mask[w]);
                    covered += Long.bitCount(c & mask[w]);
                }
            }
            if (full > 0 && own > threshold * full) walk.visiblePrefixes++;
            boolean visibleHere = full > 0 && covered > threshold * full;
            vis[k] = visibleHere;
            double weight = layout.weight[k];
            // per prefix among its carriers: a lost prefix inside a reachable member is not lost space
            boolean parentReach = parent >= 0 && reach[parent];
            switch (STATUSES[statusOf[i]]) {
                case VISIBLE -> {
                    walk.known++;
                    reach[k] = true;
                }
                case LOST -> {
                    walk.known++;
                    int p = layout.prefix[k];
                    // a prefix withdrawn by its carriers is lost as a prefix; its space may still be
                    // reachable under a visible aggregate (the entity's own or a provider's, any origin)
                    boolean reachable = parentReach || coveredByVisible(p);
                    reach[k] = reachable;
                    walk.lost++;
                    if (now - prefixes.lastWithdrawal(p) <= recentMicros) {
                        walk.recent++;
                        if (reachable) walk.recentCovered++;
                        else if (!v6) walk.recentSlash24 += weight;
                        prefixes.orPeers(p, walk.carriersOfLost, walk.goneOfLost);
                        if (lostOut != null) lostOut.add(p);
                    }
                }
                default -> reach[k] = parentReach;
            }
            if (visibleHere) walk.visible += weight;
            if (parent >= 0 && vis[parent]) walk.visible -= weight; // the parent's own part shrinks by this child
        }
    }

    /**
     * An entity's members in prefix order with what the walk needs of each, kept between bins
     * (members only join; weights are final once a member has joined): the prefix ids, weights and,
     * for each, the position of its nearest enclosing member (-1: a root). Finding the enclosing
     * member with a stack of {@link PrefixTable#covers} tests for every member every bin was a
     * large part of the walk; the forest only changes when a member joins.
     */
    static final class Layout {
        final int size;
        final int[] order;
        final int[] prefix;
        final int[] parent;
        final double[] weight;
        /** IPv4 members' {@link #v4Key}s (address, length), so a merge and the nesting need not read the prefix table. */
        final long[] key;
        /** Position of the first IPv6 member ({@link #prefixOrder} puts IPv4 first). */
        final int firstV6;

        private Layout(int[] order, int[] prefix, double[] weight, long[] key, int firstV6, PrefixTable pt) {
            int n = order.length;
            this.size = n;
            this.order = order;
            this.prefix = prefix;
            this.weight = weight;
            this.key = key;
            this.firstV6 = firstV6;
            this.parent = new int[n];
            int[] stack = new int[Math.min(n, 130)];
            int depth = 0;
            for (int k = 0; k < n; k++) {
                if (k == firstV6) depth = 0; // no IPv4 prefix covers an IPv6 one
                if (k < firstV6) {
                    while (depth > 0 && !v4Covers(key[stack[depth - 1]], key[k])) depth--;
                } else {
                    while (depth > 0 && !pt.covers(prefix[stack[depth - 1]], prefix[k])) depth--;
                }
                parent[k] = depth > 0 ? stack[depth - 1] : -1;
                stack[depth++] = k; // nesting depth ≤ 33 (IPv4) or 129 (IPv6): distinct prefixes
            }
        }

        /** The layout of the members in {@code order} (a permutation of all of them in prefix order). */
        static Layout of(EntityIndex.Members m, PrefixTable pt, int[] order) {
            int n = order.length, v6 = n;
            int[] prefix = new int[n];
            double[] weight = new double[n];
            long[] key = new long[n];
            for (int k = 0; k < n; k++) {
                int p = m.prefix(order[k]);
                prefix[k] = p;
                weight[k] = m.weight(order[k]);
                if (pt.isV6(p)) {
                    if (v6 == n) v6 = k;
                } else {
                    key[k] = v4Key(pt, p);
                }
            }
            return new Layout(order, prefix, weight, key, v6, pt);
        }

        /**
         * This layout with the members that joined since merged in: the kept members are read from
         * this layout in order, only the newcomers from the prefix table. Rebuilding the whole layout
         * from the table each time a large country gained a member was the walk's main cost.
         */
        Layout with(EntityIndex.Members m, PrefixTable pt) {
            int[] added = prefixOrder(m, pt, size);
            int n = size + added.length;
            int[] o = new int[n], pr = new int[n];
            double[] wt = new double[n];
            long[] ky = new long[n];
            int i = 0, j = 0, k = 0, v6 = n;
            while (i < size || j < added.length) {
                boolean takeNew;
                if (j == added.length) takeNew = false;
                else if (i == size) takeNew = true;
                else takeNew = newBefore(pt, m.prefix(added[j]), i);
                if (takeNew) {
                    int member = added[j++], p = m.prefix(member);
                    o[k] = member;
                    pr[k] = p;
                    wt[k] = m.weight(member);
                    if (pt.isV6(p)) {
                        if (v6 == n) v6 = k;
                    } else {
                        ky[k] = v4Key(pt, p);
                    }
                } else {
                    o[k] = order[i];
                    pr[k] = prefix[i];
                    wt[k] = weight[i];
                    ky[k] = key[i];
                    if (i >= firstV6 && v6 == n) v6 = k;
                    i++;
                }
                k++;
            }
            return new Layout(o, pr, wt, ky, v6, pt);
        }

        /** Whether new member prefix {@code p} comes before this layout's position {@code i}, as {@link #before} orders. */
        private boolean newBefore(PrefixTable pt, int p, int i) {
            boolean vp = pt.isV6(p), vi = i >= firstV6;
            if (vp != vi) return vi;
            return vp ? pt.compare(p, prefix[i]) < 0 : v4Key(pt, p) < key[i];
        }

        /** IPv4 prefix {@code outer} covers {@code inner}, both as {@link #v4Key}s. */
        private static boolean v4Covers(long outer, long inner) {
            int lo = (int) (outer & 0xff), li = (int) (inner & 0xff);
            if (li < lo) return false;
            long shift = 8 + 32 - lo; // the address bits beyond the outer length
            return lo == 0 || (inner >>> shift) == (outer >>> shift);
        }
    }

    /** The entity's layout, brought up to its members (newcomers merged into the existing order). */
    static Layout layout(EntityIndex.Members m, PrefixTable pt) {
        Layout l = m.layout;
        int n = m.size();
        if (l != null && l.size == n) return l;
        l = l == null ? Layout.of(m, pt, prefixOrder(m, pt, 0)) : l.with(m, pt);
        m.layout = l;
        return l;
    }

    /** Whether a shorter prefix covering {@code p}, of any origin, is visible among its own carriers. */
    private boolean coveredByVisible(int p) {
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

    private static long v4Key(PrefixTable pt, int p) {
        return ((pt.hi(p) >>> 32) << 8) | pt.length(p);
    }

    /**
     * The entity's upstreams: over every full-feed peer's route to every member, the share of each
     * border AS (countries) or upstream of the origin (ASes). Reads the members' peer sets copied by
     * {@link #snapshot}, so only peers with a route are asked for it.
     */
    private List<Upstream> upstreams(Entity entity, EntityIndex.Members m, int words, Scratch scratch, long[] rowsOf) {
        PathTable paths = routing.paths();
        PrefixTable pt = routing.prefixes();
        Long2IntOpenHashMap counts = new Long2IntOpenHashMap();
        int total = 0;
        int country = entity instanceof Entity.Country c ? CountryCode.encode(c.code()) : -1;
        long asn = entity instanceof Entity.As a ? a.asn() : -1;
        long[] m4 = routing.fullFeedMask(false), m6 = routing.fullFeedMask(true);
        int peers = routing.peerCount();
        if (scratch.runPath.length < peers) {
            scratch.runPath = new int[Math.max(peers, scratch.runPath.length * 2)];
            scratch.run = new int[scratch.runPath.length];
        }
        int[] runPath = scratch.runPath, run = scratch.run;
        java.util.Arrays.fill(run, 0, peers, 0);
        java.util.Arrays.fill(runPath, 0, peers, -1);
        // a peer reaches most of an entity's prefixes over one path: count each peer's runs of a path, then its upstream
        for (int i = 0, n = m.size(); i < n; i++) {
            int p = m.prefix(i);
            long[] mask = pt.isV6(p) ? m6 : m4;
            for (int w = 0; w < words && w < mask.length; w++) {
                for (long b = rowsOf[i * words + w] & mask[w]; b != 0; b &= b - 1) {
                    int peer = (w << 6) + Long.numberOfTrailingZeros(b);
                    int path = routing.rib(peer).get(p); // a bit in the row: the peer has a route
                    if (path == runPath[peer]) {
                        run[peer]++;
                        continue;
                    }
                    total += count(counts, paths, runPath[peer], run[peer], country, asn);
                    runPath[peer] = path;
                    run[peer] = 1;
                }
            }
        }
        for (int peer = 0; peer < peers; peer++) total += count(counts, paths, runPath[peer], run[peer], country, asn);
        if (total == 0) return List.of();
        // largest share first, then lowest ASN: shares have one denominator, so the order of the counts.
        // A primitive sort of packed keys, not a comparator: TimSort, shared with every other object sort
        // in the process, was deoptimised and recompiled by C2 44 times in a day's replay (1.1 s of C2).
        long[] keys = new long[counts.size()];
        int k = 0;
        for (Long2IntMap.Entry e : counts.long2IntEntrySet()) keys[k++] = largestFirstKey(e.getIntValue(), e.getLongKey());
        java.util.Arrays.sort(keys);
        Upstream[] out = new Upstream[Math.min(keys.length, MAX_UPSTREAMS)];
        for (int i = 0; i < out.length; i++) out[i] = new Upstream(tieBreakOf(keys[i]), (double) countOf(keys[i]) / total);
        return List.of(out);
    }

    /** A key whose ascending order is {@code count} descending (count >= 0), then {@code tieBreak} (an ASN or an index, 32 bits) ascending. */
    static long largestFirstKey(int count, long tieBreak) {
        return (long) (Integer.MAX_VALUE - count) << 32 | tieBreak;
    }

    static int countOf(long largestFirstKey) {
        return Integer.MAX_VALUE - (int) (largestFirstKey >>> 32);
    }

    static long tieBreakOf(long largestFirstKey) {
        return largestFirstKey & 0xFFFF_FFFFL;
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
