package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.blackout.wire.net.Prefix;

/**
 * A full-size synthetic table: prefixes and origins from a real range file, AS paths from real
 * vantage ASes shaped valley-free over a real AS relationship graph. Deterministic for a seed.
 * Origins the (older) graph does not know are attached below a transit AS chosen by hash.
 */
public final class FullTableBuilder {
    private final AsGraph graph;
    private final long seed;

    public FullTableBuilder(AsGraph graph, long seed) {
        this.graph = graph;
        this.seed = seed;
    }

    /** Prefix → origin AS from a range file, sorted, first origin wins on duplicates. */
    public static TreeMap<Prefix, Integer> readOrigins(Path rangeFile) throws IOException {
        TreeMap<Prefix, Integer> m = new TreeMap<>();
        RangeFile.read(rangeFile, m::putIfAbsent);
        return m;
    }

    /**
     * Adds more-specifics (both halves of a prefix, same origin), as traffic engineering does,
     * until the table holds {@code target} prefixes. Deterministic for the seed.
     */
    public TreeMap<Prefix, Integer> deaggregate(TreeMap<Prefix, Integer> origins, int target) {
        if (origins.size() >= target) return origins;
        List<Prefix> candidates = new ArrayList<>();
        for (Prefix p : origins.keySet()) if (p.length() < (p.v6() ? RangeFile.MAX_V6 : RangeFile.MAX_V4)) candidates.add(p);
        Collections.shuffle(candidates, new Random(seed ^ 0x5eedL));
        for (Prefix p : candidates) {
            if (origins.size() >= target) break;
            int asn = origins.get(p);
            for (Prefix half : halves(p)) if (origins.size() < target) origins.putIfAbsent(half, asn);
        }
        return origins;
    }

    static Prefix[] halves(Prefix p) {
        int len = p.length() + 1;
        Prefix a = new Prefix(p.v6(), p.hi(), p.lo(), len);
        long hi = p.hi(), lo = p.lo();
        if (len <= 64) hi |= 1L << (64 - len);
        else lo |= 1L << (128 - len);
        return new Prefix[] {a, new Prefix(p.v6(), hi, lo, len)};
    }

    /** Vantage ASes: drawn by the seed from the best-connected ASes of the graph. */
    public int[] vantages(int count) {
        Integer[] nodes = new Integer[graph.size()];
        for (int i = 0; i < nodes.length; i++) nodes[i] = i;
        Arrays.sort(nodes, (x, y) -> graph.degree(y) != graph.degree(x) ? Integer.compare(graph.degree(y), graph.degree(x)) : Integer.compareUnsigned(graph.asn(x), graph.asn(y)));
        List<Integer> top = new ArrayList<>(Arrays.asList(nodes).subList(0, Math.min(nodes.length, Math.max(2 * count, 60))));
        Collections.shuffle(top, new Random(seed));
        if (top.size() < count) throw new IllegalArgumentException("the AS graph has only " + top.size() + " ASes, fewer than " + count + " peers");
        int[] v = new int[count];
        for (int i = 0; i < count; i++) v[i] = graph.asn(top.get(i));
        Arrays.sort(v);
        return v;
    }

    /** Builds the tables of {@code vantages} for every prefix of {@code origins}. */
    public Baseline build(TreeMap<Prefix, Integer> origins, int[] vantages, String source) {
        Prefix[] prefixes = origins.keySet().toArray(Prefix[]::new);
        // dense origin ids, so each vantage computes one path per origin AS, not per prefix
        Int2IntOpenHashMap originId = new Int2IntOpenHashMap();
        originId.defaultReturnValue(-1);
        IntArrayList originAs = new IntArrayList();
        int[] prefixOrigin = new int[prefixes.length];
        int i = 0;
        for (int asn : origins.values()) {
            int id = originId.get(asn);
            if (id < 0) {
                id = originAs.size();
                originId.put(asn, id);
                originAs.add(asn);
            }
            prefixOrigin[i++] = id;
        }
        int[] transit = transitNodes();
        PathPool pool = new PathPool();
        List<SimPeer> peers = new ArrayList<>();
        int[][] routes = new int[vantages.length][];
        for (int v : vantages) {
            if (graph.index(v) < 0) throw new IllegalArgumentException("vantage AS" + Integer.toUnsignedString(v) + " is not in the AS graph");
        }
        // one path per (vantage, origin), computed in parallel; paths of different vantages start
        // with different ASes and never coincide, so they are added without interning
        int[] originList = originAs.toIntArray();
        List<SimPath[]> perVantage = java.util.stream.IntStream.range(0, vantages.length).parallel()
                .mapToObj(v -> {
                    ValleyFreeRoutes r = new ValleyFreeRoutes(graph, graph.index(vantages[v]));
                    SimPath[] paths = new SimPath[originList.length];
                    for (int o = 0; o < originList.length; o++) paths[o] = path(r, originList[o], transit);
                    return paths;
                }).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        for (int v = 0; v < vantages.length; v++) {
            SimPath[] paths = perVantage.get(v);
            int[] pathOfOrigin = new int[originList.length];
            for (int o = 0; o < originList.length; o++) pathOfOrigin[o] = paths[o] == null ? -1 : pool.addDistinct(paths[o]);
            int[] table = new int[prefixes.length];
            for (int k = 0; k < prefixes.length; k++) table[k] = pathOfOrigin[prefixOrigin[k]];
            routes[v] = table;
            perVantage.set(v, null);
            peers.add(new SimPeer(v, vantages[v], SimPeer.syntheticAddress(v), SimPeer.syntheticAddress(v).v4Address()));
        }
        return new Baseline(prefixes, List.copyOf(peers), routes, pool, source);
    }

    private SimPath path(ValleyFreeRoutes r, int asn, int[] transit) {
        int node = graph.index(asn);
        int[] path;
        if (node >= 0) {
            path = r.path(node);
        } else {
            // an origin newer than the graph: a customer of a transit AS picked by its number
            path = null;
            long h = mix(asn ^ seed);
            for (int k = 0; k < 8 && path == null; k++) {
                int[] up = r.path(transit[(int) Long.remainderUnsigned(h + k * 0x9E3779B97F4A7C15L, transit.length)]);
                if (up != null) {
                    path = Arrays.copyOf(up, up.length + 1);
                    path[up.length] = asn;
                }
            }
        }
        if (path == null) return null;
        long h = mix(asn * 31L + seed);
        int prepends = (int) Long.remainderUnsigned(h, 100) < 4 ? 1 + (int) Long.remainderUnsigned(h >>> 8, 3) : 0;
        if (prepends > 0 && path.length > 1) {
            int[] p = Arrays.copyOf(path, path.length + prepends);
            Arrays.fill(p, path.length, p.length, asn);
            path = p;
        }
        int origin = Long.remainderUnsigned(h >>> 16, 20) == 0 ? 2 : 0; // some INCOMPLETE, as in real tables
        return new SimPath(path, origin);
    }

    /** ASes with at least 5 customers: where an unknown origin is attached. */
    private int[] transitNodes() {
        IntArrayList t = new IntArrayList();
        for (int n = 0; n < graph.size(); n++) if (graph.customers(n).length >= 5) t.add(n);
        return t.toIntArray();
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
