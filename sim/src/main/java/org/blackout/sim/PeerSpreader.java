package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.blackout.wire.net.Prefix;

/**
 * Turns the tables of a few real peers into the tables of many simulated peers. Without an AS
 * relationship file (the demo must run from the repository alone) it learns adjacency from the
 * real paths themselves: a simulated peer AS V reaches a prefix through the AS of the real path
 * closest to the origin that V was seen adjacent to, and keeps the real path from there on. So
 * every simulated path is made of links that exist in the real data, and the tail near the
 * origin (e.g. {@code 4837 131279}) is preserved.
 */
public final class PeerSpreader {
    private PeerSpreader() {}

    /**
     * @param real the real peers' tables; they stay peers 0..n-1 with their own paths
     * @param peerCount total number of peers wanted (at least {@code real.size()})
     */
    public static Baseline spread(List<RealTable> real, int peerCount, long seed, String source) {
        if (peerCount < real.size()) throw new IllegalArgumentException("peers: " + peerCount + " is fewer than the " + real.size() + " real peers of the baseline");
        TreeSet<Prefix> all = new TreeSet<>();
        for (RealTable t : real) all.addAll(t.routes().keySet());
        Prefix[] prefixes = all.toArray(Prefix[]::new);
        PathPool pool = new PathPool();

        // adjacency and degree from every real path
        LongOpenHashSet links = new LongOpenHashSet();
        Int2IntOpenHashMap degree = new Int2IntOpenHashMap();
        for (RealTable t : real) {
            for (SimPath p : t.routes().values()) {
                int[] a = p.asns();
                for (int i = 1; i < a.length; i++) {
                    if (a[i] != a[i - 1] && links.add(link(a[i - 1], a[i]))) {
                        degree.addTo(a[i - 1], 1);
                        degree.addTo(a[i], 1);
                    }
                }
            }
        }

        List<SimPeer> peers = new ArrayList<>();
        List<int[]> routes = new ArrayList<>();
        for (RealTable t : real) {
            int[] r = new int[prefixes.length];
            Arrays.fill(r, -1);
            for (Map.Entry<Prefix, SimPath> e : t.routes().entrySet()) {
                r[Arrays.binarySearch(prefixes, e.getKey())] = pool.intern(e.getValue());
            }
            peers.add(new SimPeer(peers.size(), t.peerAs(), t.peerAddress(), t.peerAddress().v6() ? peers.size() + 1 : t.peerAddress().v4Address()));
            routes.add(r);
        }

        // vantages: well-connected ASes (transit networks, the typical full-feed collector peers),
        // drawn by the seed from the top of the degree ranking
        int wanted = peerCount - real.size();
        List<Integer> ranked = new ArrayList<>(degree.keySet());
        for (RealTable t : real) ranked.remove((Integer) t.peerAs());
        ranked.sort((x, y) -> degree.get(y) != degree.get(x) ? Integer.compare(degree.get(y), degree.get(x)) : Integer.compareUnsigned(x, y));
        List<Integer> pick = new ArrayList<>(ranked.subList(0, Math.min(ranked.size(), Math.max(wanted, wanted * 2))));
        java.util.Collections.shuffle(pick, new Random(seed));
        if (pick.size() < wanted) throw new IllegalArgumentException("peers: the baseline shows only " + pick.size() + " candidate ASes, fewer than the " + wanted + " simulated peers asked for");
        pick = pick.subList(0, wanted);
        pick.sort(Integer::compareUnsigned);

        int synthetic = 0;
        for (int v : pick) {
            Long2IntOpenHashMap memo = new Long2IntOpenHashMap();
            memo.defaultReturnValue(-1);
            int[] r = new int[prefixes.length];
            Arrays.fill(r, -1);
            // a vantage sees the union of the real peers' routes, from the first real peer holding one
            for (int i = 0; i < prefixes.length; i++) {
                int src = -1;
                for (int[] realRoutes : routes.subList(0, real.size())) {
                    if (realRoutes[i] >= 0) {
                        src = realRoutes[i];
                        break;
                    }
                }
                if (src < 0) continue;
                int id = memo.get(src);
                if (id < 0) {
                    id = pool.intern(reroute(v, pool.get(src), links));
                    memo.put(src, id);
                }
                r[i] = id;
            }
            peers.add(new SimPeer(peers.size(), v, SimPeer.syntheticAddress(synthetic), SimPeer.syntheticAddress(synthetic).v4Address()));
            synthetic++;
            routes.add(r);
        }
        return new Baseline(prefixes, List.copyOf(peers), routes.toArray(int[][]::new), pool, source);
    }

    /** The path vantage {@code v} would use: joins the real path at its last AS adjacent to v. */
    static SimPath reroute(int v, SimPath real, LongOpenHashSet links) {
        int[] a = real.asns();
        for (int i = a.length - 1; i >= 0; i--) {
            if (a[i] == v) return new SimPath(Arrays.copyOfRange(a, i, a.length), real.origin());
        }
        int join = 0;
        for (int i = a.length - 1; i >= 0; i--) {
            if (links.contains(link(v, a[i]))) {
                join = i;
                break;
            }
        }
        int[] p = new int[a.length - join + 1];
        p[0] = v;
        System.arraycopy(a, join, p, 1, a.length - join);
        return new SimPath(p, real.origin());
    }

    static long link(int a, int b) {
        long x = Integer.toUnsignedLong(a), y = Integer.toUnsignedLong(b);
        return x < y ? (x << 32) | y : (y << 32) | x;
    }
}
