package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * Days of live update churn over a {@link Baseline} (typically a synthetic full table), delivered as
 * route elements in time order: first every peer's table as RIB elements, then per second and per
 * peer announcements and withdrawals drawn (Poisson) at the {@link ChurnRates}. Deterministic for
 * a seed. Nothing is written to disk: a week of churn over a full table is tens of millions of
 * elements, replayed straight into an engine by {@code bench/churn-memory.sh}.
 *
 * <p>The model, per peer: a withdrawal takes a random route away; a share of them (the flaps) come
 * back with the same path after a log-normal delay, the rest after one to 24 hours. An announcement
 * of a route repeats its path, or changes it: a route on its baseline path moves to an alternative
 * (a path never seen before, as often as {@code newPathShare} of all announcements asks, else the
 * peer's backup path for the route's origin, the same each time), a route on an alternative goes
 * back to its baseline path. Every day some prefixes vanish (every peer withdraws them for good) and new
 * ones appear (a more-specific of a routed prefix, announced by every peer carrying its parent).
 * Alternative paths are the baseline path with one transit hop replaced or added, so AS paths are
 * born and die all the time, as they do on real days: what the path table must give back.
 */
public final class ChurnSimulator {
    public static final String COLLECTOR = "sim-churn";
    private static final int DAY = 86_400;
    private static final int TRIES = 8;

    private final Baseline base;
    private final ChurnRates rates;
    private final SplittableRandom random;
    private final int peers;
    private final List<Prefix> prefixes;
    private final IntArrayList parent = new IntArrayList(); // prefix index -> baseline prefix whose paths it uses
    private final Set<Prefix> known;
    private final boolean[] gone;
    private int[][] current; // peer -> prefix -> path (>= 0 pool id, <= -2 alternative -(slot + 2), -1 none)
    private final int[] transit;
    private final double flapSigma;
    private long time; // seconds
    private final PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

    // alternative paths: slots with counts of routes using them, freed at zero
    private final List<long[]> altHops = new ArrayList<>();
    private final IntArrayList altRefs = new IntArrayList();
    private final it.unimi.dsi.fastutil.longs.LongArrayList altKeys = new it.unimi.dsi.fastutil.longs.LongArrayList();
    private final IntArrayList freeSlots = new IntArrayList();
    private final Long2IntOpenHashMap altByPeerOrigin = new Long2IntOpenHashMap();

    private final Counts counts = new Counts();
    private long dayNewPaths, dayAnnouncements;
    private final long seed;
    /** (peer, origin) whose backup path was announced once: later uses are of a seen path. */
    private final java.util.BitSet backupsUsed;
    /** Dense index of each origin AS: sized once, so that the generator's own heap stays flat. */
    private final it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap originIndex = new it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap();

    /** What was generated, for the benchmark and the tests to compare with the rates. */
    public static final class Counts {
        public long ribRoutes, announcements, withdrawals, newPaths, samePath, flapsBack, prefixesNew, prefixesGone;

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "announcements %d (never-seen path %.2f%%, same path %.2f%%), withdrawals %d "
                    + "(flaps back %d), prefixes new %d, gone %d", announcements, 100.0 * newPaths / Math.max(1, announcements),
                    100.0 * samePath / Math.max(1, announcements), withdrawals, flapsBack, prefixesNew, prefixesGone);
        }
    }

    public ChurnSimulator(Baseline base, ChurnRates rates, long seed) {
        this.base = base;
        this.rates = rates;
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.peers = base.peers().size();
        this.prefixes = new ArrayList<>(Arrays.asList(base.prefixes()));
        for (int i = 0; i < prefixes.size(); i++) parent.add(i);
        this.known = new HashSet<>(prefixes);
        this.gone = new boolean[prefixes.size() + 64 * rates.newPrefixesPerDay() + 64];
        this.current = new int[peers][];
        for (int p = 0; p < peers; p++) current[p] = base.routes()[p].clone();
        this.transit = transitAses(base);
        this.flapSigma = Math.log(rates.flapP90Seconds() / rates.flapMedianSeconds()) / 1.2815515655446004;
        altByPeerOrigin.defaultReturnValue(-1);
        for (int id = 0; id < base.paths().size(); id++) originIndex.putIfAbsent(base.paths().get(id).originAs(), originIndex.size());
        this.backupsUsed = new java.util.BitSet(peers * originIndex.size());
        backupsUsed.set(peers * originIndex.size()); // allocate it all now
        backupsUsed.clear(peers * originIndex.size());
    }

    public Counts counts() {
        return counts;
    }

    /** Every peer's baseline table as RIB elements at {@code startSeconds}. */
    public void rib(long startSeconds, ElementSink sink) {
        time = startSeconds;
        long t = startSeconds * 1_000_000L;
        for (int p = 0; p < peers; p++) {
            SimPeer peer = base.peers().get(p);
            int[] routes = current[p];
            for (int i = 0; i < routes.length; i++) {
                if (routes[i] < 0) continue;
                sink.accept(COLLECTOR, new RouteElement(t, ElementType.RIB, peer.address(), Integer.toUnsignedLong(peer.asn()),
                        prefixes.get(i), 0, attributes(baselinePath(routes[i])), 0, 0));
                counts.ribRoutes++;
            }
        }
    }

    /** One day of churn, from where the last call (or the RIB) left off. */
    public void day(ElementSink sink) {
        dayNewPaths = counts.newPaths;
        dayAnnouncements = counts.announcements;
        int vanish = rates.vanishingPrefixesPerDay(), appear = rates.newPrefixesPerDay();
        double ownAnnouncements = rates.announcementsPerSecond() - rates.withdrawalsPerSecond() * rates.flapShare();
        for (int s = 0; s < DAY; s++, time++) {
            long t = time * 1_000_000L;
            while (!pending.isEmpty() && pending.peek()[0] <= time) {
                long[] x = pending.poll();
                reannounce(sink, t, (int) x[1], (int) x[2], (int) x[3]);
            }
            // prefixes come and go spread over the day
            if (vanish > 0 && (long) s * vanish / DAY != (long) (s + 1) * vanish / DAY) vanishOne(sink, t);
            if (appear > 0 && (long) s * appear / DAY != (long) (s + 1) * appear / DAY) appearOne(sink, t);
            for (int p = 0; p < peers; p++) {
                for (int k = poisson(ownAnnouncements); k > 0; k--) announce(sink, t + 1 + random.nextInt(999_998), p);
                for (int k = poisson(rates.withdrawalsPerSecond()); k > 0; k--) withdraw(sink, t + 1 + random.nextInt(999_998), p);
            }
        }
    }

    private int poisson(double lambda) {
        double l = Math.exp(-lambda), prod = random.nextDouble();
        int k = 0;
        while (prod > l) {
            prod *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** A random prefix the peer routes, or -1 after a few misses. */
    private int routedPrefix(int peer) {
        for (int k = 0; k < TRIES; k++) {
            int i = random.nextInt(prefixes.size());
            if (current[peer][i] != -1) return i;
        }
        return -1;
    }

    private void announce(ElementSink sink, long t, int peer) {
        int i = routedPrefix(peer);
        if (i < 0) return;
        int cur = current[peer][i];
        int next;
        if (random.nextDouble() < rates.samePathShare()) {
            next = cur;
            counts.samePath++;
        } else if (cur >= 0) {
            // off the baseline path: to a never-seen path while the share asks for one, else to the
            // route's backup (one per peer and origin, the same every time: seen once it was used)
            int origin = originOf(cur);
            long key = ((long) peer << 32) | (origin & 0xffffffffL);
            // the share holds day by day: early on, first uses of backups alone exceed it
            if (counts.newPaths - dayNewPaths < rates.newPathShare() * (counts.announcements - dayAnnouncements + 1)) {
                next = -(alternative(cur, random.nextLong(), -1L) + 2);
                counts.newPaths++;
            } else {
                int alt = altByPeerOrigin.get(key);
                if (alt < 0) alt = alternative(cur, FullTableBuilder.mix(key ^ seed), key);
                next = -(alt + 2);
                int bit = peer * originIndex.size() + originIndex.get(origin);
                if (!backupsUsed.get(bit)) {
                    backupsUsed.set(bit);
                    counts.newPaths++;
                }
            }
        } else {
            next = base.routes()[peer][parent.getInt(i)];
            if (next < 0) return;
        }
        set(peer, i, next);
        emit(sink, t, peer, i, next);
    }

    private void withdraw(ElementSink sink, long t, int peer) {
        int i = routedPrefix(peer);
        if (i < 0) return;
        int path = current[peer][i];
        if (path <= -2) altRefs.set(-path - 2, altRefs.getInt(-path - 2) + 1); // held by the pending re-announcement
        set(peer, i, -1);
        counts.withdrawals++;
        SimPeer sp = base.peers().get(peer);
        sink.accept(COLLECTOR, new RouteElement(t, ElementType.WITHDRAW, sp.address(), Integer.toUnsignedLong(sp.asn()),
                prefixes.get(i), 0, null, 0, 0));
        double delay = random.nextDouble() < rates.flapShare()
                ? Math.min(DAY, rates.flapMedianSeconds() * Math.exp(flapSigma * random.nextGaussian()))
                : 3_600 + random.nextInt(23 * 3_600);
        pending.add(new long[] {time + Math.max(1, (long) delay), peer, i, path});
    }

    private void reannounce(ElementSink sink, long t, int peer, int i, int path) {
        if (path <= -2) altRefs.set(-path - 2, altRefs.getInt(-path - 2) - 1);
        if (gone[i] || current[peer][i] != -1) {
            if (path <= -2) releaseIfUnused(-path - 2);
            return;
        }
        set(peer, i, path);
        counts.flapsBack++;
        emit(sink, t, peer, i, path);
    }

    private void vanishOne(ElementSink sink, long t) {
        for (int k = 0; k < TRIES; k++) {
            int i = random.nextInt(prefixes.size());
            if (gone[i]) continue;
            gone[i] = true;
            counts.prefixesGone++;
            for (int p = 0; p < peers; p++) {
                if (current[p][i] == -1) continue;
                set(p, i, -1);
                SimPeer sp = base.peers().get(p);
                sink.accept(COLLECTOR, new RouteElement(t, ElementType.WITHDRAW, sp.address(), Integer.toUnsignedLong(sp.asn()),
                        prefixes.get(i), 0, null, 0, 0));
                counts.withdrawals++;
            }
            return;
        }
    }

    private void appearOne(ElementSink sink, long t) {
        for (int k = 0; k < TRIES; k++) {
            int from = random.nextInt(base.prefixes().length);
            Prefix pf = base.prefixes()[from];
            if (gone[from] || pf.length() >= (pf.v6() ? 48 : 24)) continue;
            Prefix child = FullTableBuilder.halves(pf)[random.nextInt(2)];
            if (!known.add(child)) continue;
            int i = prefixes.size();
            if (i == gone.length) return; // sized for 64 days of new prefixes
            prefixes.add(child);
            parent.add(from);
            counts.prefixesNew++;
            for (int p = 0; p < peers; p++) {
                if (i >= current[p].length) {
                    int old = current[p].length;
                    current[p] = Arrays.copyOf(current[p], old + 4096);
                    Arrays.fill(current[p], old, current[p].length, -1);
                }
                int path = base.routes()[p][from];
                if (path < 0) continue;
                set(p, i, path);
                emit(sink, t, p, i, path);
            }
            return;
        }
    }

    private void emit(ElementSink sink, long t, int peer, int i, int path) {
        SimPeer sp = base.peers().get(peer);
        AsPath asPath = path >= 0 ? baselinePath(path) : AsPath.ofSequence(altHops.get(-path - 2));
        sink.accept(COLLECTOR, new RouteElement(t, ElementType.ANNOUNCE, sp.address(), Integer.toUnsignedLong(sp.asn()),
                prefixes.get(i), 0, attributes(asPath), 0, 0));
        counts.announcements++;
    }

    /** Sets a route, keeping the counts of alternative paths. */
    private void set(int peer, int i, int path) {
        int old = current[peer][i];
        if (old == path) return;
        current[peer][i] = path;
        if (path <= -2) altRefs.set(-path - 2, altRefs.getInt(-path - 2) + 1);
        if (old <= -2) {
            altRefs.set(-old - 2, altRefs.getInt(-old - 2) - 1);
            releaseIfUnused(-old - 2);
        }
    }

    private void releaseIfUnused(int slot) {
        if (altRefs.getInt(slot) != 0) return;
        long key = altKeys.getLong(slot);
        if (altByPeerOrigin.get(key) == slot) altByPeerOrigin.remove(key);
        altHops.set(slot, null);
        freeSlots.push(slot);
    }

    /**
     * An alternative to a baseline path, drawn from {@code draw}: one transit hop replaced, or one
     * added after the peer. Registered as the peer's backup for the origin when {@code key} is not -1.
     */
    private int alternative(int baselineId, long draw, long key) {
        int[] b = base.paths().get(baselineId).asns();
        long[] hops;
        int t = transit[(int) Long.remainderUnsigned(draw, transit.length)];
        if (b.length >= 3 && (draw & (1L << 40)) != 0) {
            hops = new long[b.length];
            for (int k = 0; k < b.length; k++) hops[k] = Integer.toUnsignedLong(b[k]);
            hops[1 + (int) Long.remainderUnsigned(draw >>> 41, b.length - 2)] = Integer.toUnsignedLong(t);
        } else {
            hops = new long[b.length + 1];
            hops[0] = Integer.toUnsignedLong(b[0]);
            hops[1] = Integer.toUnsignedLong(t);
            for (int k = 1; k < b.length; k++) hops[k + 1] = Integer.toUnsignedLong(b[k]);
        }
        int slot;
        if (!freeSlots.isEmpty()) {
            slot = freeSlots.popInt();
            altHops.set(slot, hops);
            altRefs.set(slot, 0);
            altKeys.set(slot, key);
        } else {
            slot = altHops.size();
            altHops.add(hops);
            altRefs.add(0);
            altKeys.add(key);
        }
        if (key != -1L) altByPeerOrigin.put(key, slot);
        return slot;
    }

    private int originOf(int poolId) {
        return base.paths().get(poolId).originAs();
    }

    /** A new object each time: a cache would grow the generator's heap over the days being measured. */
    private AsPath baselinePath(int id) {
        int[] a = base.paths().get(id).asns();
        long[] h = new long[a.length];
        for (int k = 0; k < a.length; k++) h[k] = Integer.toUnsignedLong(a[k]);
        return AsPath.ofSequence(h);
    }

    private static PathAttributes attributes(AsPath path) {
        List<PathAttribute> list = List.of(new Origin(0x40, 0), new AsPathAttr(0x40, path, true));
        return new PathAttributes(list, Rfc7606Action.NONE, null);
    }

    /** The ASes in the middle of baseline paths: the hops alternatives are made of. */
    private static int[] transitAses(Baseline base) {
        IntOpenHashSet s = new IntOpenHashSet();
        for (int id = 0; id < Math.min(base.paths().size(), 200_000); id++) {
            int[] a = base.paths().get(id).asns();
            for (int k = 1; k < a.length - 1; k++) s.add(a[k]);
        }
        if (s.isEmpty()) s.add(64_512);
        int[] r = s.toIntArray();
        Arrays.sort(r);
        return r;
    }
}
