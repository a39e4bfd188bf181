package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An AS relationship graph in compressed adjacency form: for every AS its providers, customers
 * and peers. Nodes are dense indices; {@link #asn(int)} and {@link #index(int)} translate.
 */
public final class AsGraph {
    private final int[] asns;
    private final Int2IntOpenHashMap index;
    private final int[][] providers, customers, peers;

    private AsGraph(int[] asns, Int2IntOpenHashMap index, int[][] providers, int[][] customers, int[][] peers) {
        this.asns = asns;
        this.index = index;
        this.providers = providers;
        this.customers = customers;
        this.peers = peers;
    }

    /** Relationship of {@code a} to {@code b}. */
    public enum Rel { CUSTOMER_OF, PROVIDER_OF, PEER_OF }

    /** Builds a graph from (a, b, relation) triples; duplicates and mirrored lines are merged. */
    public static final class Builder {
        private final Int2IntOpenHashMap index = new Int2IntOpenHashMap();
        private final IntArrayList asns = new IntArrayList();
        private final List<IntArrayList> prov = new ArrayList<>(), cust = new ArrayList<>(), peer = new ArrayList<>();
        private final it.unimi.dsi.fastutil.longs.LongOpenHashSet seen = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();

        public Builder() {
            index.defaultReturnValue(-1);
        }

        private int node(int asn) {
            int i = index.get(asn);
            if (i < 0) {
                i = asns.size();
                index.put(asn, i);
                asns.add(asn);
                prov.add(new IntArrayList(2));
                cust.add(new IntArrayList(2));
                peer.add(new IntArrayList(2));
            }
            return i;
        }

        /** Records that {@code a} stands in relation {@code rel} to {@code b}. */
        public Builder add(int a, int b, Rel rel) {
            if (a == b) return this;
            int x = node(a), y = node(b);
            if (!seen.add(PeerSpreader.link(x, y))) return this; // first statement about a link wins
            switch (rel) {
                case CUSTOMER_OF -> { prov.get(x).add(y); cust.get(y).add(x); }
                case PROVIDER_OF -> { cust.get(x).add(y); prov.get(y).add(x); }
                case PEER_OF -> { peer.get(x).add(y); peer.get(y).add(x); }
            }
            return this;
        }

        public AsGraph build() {
            int n = asns.size();
            int[][] p = new int[n][], c = new int[n][], q = new int[n][];
            for (int i = 0; i < n; i++) {
                p[i] = sorted(prov.get(i));
                c[i] = sorted(cust.get(i));
                q[i] = sorted(peer.get(i));
            }
            return new AsGraph(asns.toIntArray(), index, p, c, q);
        }

        private static int[] sorted(IntArrayList l) {
            int[] a = l.toIntArray();
            java.util.Arrays.sort(a);
            return a;
        }
    }

    /**
     * Reads a {@code AS1|AS2|rel} file in the thunderwolf convention: {@code 1} means AS1 is AS2's
     * customer, {@code -1} AS1 is AS2's provider, {@code 0} peers (the opposite sign of CAIDA's).
     * Lines starting with {@code #} are comments.
     */
    public static AsGraph readThunderwolf(Path file) throws IOException {
        Builder b = new Builder();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\|");
                if (f.length < 3) throw new IOException(file + ":" + n + ": expected AS1|AS2|rel, got '" + line + "'");
                try {
                    int a = Integer.parseUnsignedInt(f[0].trim()), c = Integer.parseUnsignedInt(f[1].trim());
                    switch (f[2].trim()) {
                        case "1" -> b.add(a, c, Rel.CUSTOMER_OF);
                        case "-1" -> b.add(a, c, Rel.PROVIDER_OF);
                        case "0" -> b.add(a, c, Rel.PEER_OF);
                        default -> throw new IOException(file + ":" + n + ": rel must be 1, -1 or 0, got '" + f[2] + "'");
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + n + ": bad AS number in '" + line + "'");
                }
            }
        }
        return b.build();
    }

    public int size() {
        return asns.length;
    }

    public int asn(int node) {
        return asns[node];
    }

    /** The node of an AS, or -1 when the graph does not know it. */
    public int index(int asn) {
        return index.get(asn);
    }

    public int[] providers(int node) {
        return providers[node];
    }

    public int[] customers(int node) {
        return customers[node];
    }

    public int[] peers(int node) {
        return peers[node];
    }

    public int degree(int node) {
        return providers[node].length + customers[node].length + peers[node].length;
    }

    /** The relationship of node {@code a} to node {@code b}, or null when they are not adjacent. */
    public Rel relation(int a, int b) {
        if (java.util.Arrays.binarySearch(providers[a], b) >= 0) return Rel.CUSTOMER_OF;
        if (java.util.Arrays.binarySearch(customers[a], b) >= 0) return Rel.PROVIDER_OF;
        if (java.util.Arrays.binarySearch(peers[a], b) >= 0) return Rel.PEER_OF;
        return null;
    }
}
