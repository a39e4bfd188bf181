package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * The routes one vantage AS selects towards every other AS of an {@link AsGraph}, valley-free
 * (Gao-Rexford export rules) and preferring, as routers do, customer routes over peer routes over
 * provider routes, then the shortest path. Seen from the vantage, a path climbs zero or more
 * customer-to-provider links, crosses at most one peer link, then descends provider-to-customer
 * links. One breadth-first search per preference class: cheap enough to run per vantage.
 */
public final class ValleyFreeRoutes {
    private static final int NONE = -1;
    // parent encoding: node * 4 + kind of the parent's state
    private static final int K_DOWN12 = 0, K_UP = 1, K_DOWN3 = 2, K_ROOT = 3;

    private final AsGraph g;
    private final int vantage;
    /** for every node, the encoded state that first reached it (its selected route), or NONE */
    private final int[] selected;
    private final int[] parent12, parentUp, parentDown3;

    public ValleyFreeRoutes(AsGraph g, int vantageNode) {
        this.g = g;
        this.vantage = vantageNode;
        int n = g.size();
        selected = new int[n];
        parent12 = new int[n];
        parentUp = new int[n];
        parentDown3 = new int[n];
        Arrays.fill(selected, NONE);
        Arrays.fill(parent12, NONE);
        Arrays.fill(parentUp, NONE);
        Arrays.fill(parentDown3, NONE);
        selected[vantageNode] = vantageNode * 4 + K_ROOT;
        int root = vantageNode * 4 + K_ROOT;

        // class 1: customer routes (descend only)
        IntArrayList frontier = new IntArrayList();
        for (int c : g.customers(vantageNode)) reach12(c, root, frontier);
        descend12(frontier);
        // class 2: peer routes (one peer link, then descend)
        frontier.clear();
        for (int p : g.peers(vantageNode)) reach12(p, root, frontier);
        descend12(frontier);
        // class 3: provider routes, a BFS over (node, climbing|descending) states
        IntArrayList cur = new IntArrayList(), next = new IntArrayList();
        for (int p : g.providers(vantageNode)) if (parentUp[p] == NONE && p != vantageNode) {
            parentUp[p] = root;
            cur.add(p * 4 + K_UP);
        }
        while (!cur.isEmpty()) {
            // select in BFS order so each node keeps its shortest class-3 route
            for (int i = 0; i < cur.size(); i++) {
                int s = cur.getInt(i), node = s >>> 2;
                if (selected[node] == NONE) selected[node] = s;
            }
            next.clear();
            for (int i = 0; i < cur.size(); i++) {
                int s = cur.getInt(i), node = s >>> 2;
                if ((s & 3) == K_UP) {
                    for (int p : g.providers(node)) if (parentUp[p] == NONE && p != vantageNode) {
                        parentUp[p] = s;
                        next.add(p * 4 + K_UP);
                    }
                    for (int p : g.peers(node)) down3(p, s, next);
                }
                for (int c : g.customers(node)) down3(c, s, next);
            }
            IntArrayList t = cur;
            cur = next;
            next = t;
        }
    }

    private void reach12(int node, int from, IntArrayList frontier) {
        if (selected[node] != NONE) return;
        parent12[node] = from;
        selected[node] = node * 4 + K_DOWN12;
        frontier.add(node);
    }

    private void descend12(IntArrayList frontier) {
        for (int i = 0; i < frontier.size(); i++) { // the list grows while we walk it: a BFS queue
            int node = frontier.getInt(i);
            for (int c : g.customers(node)) reach12(c, node * 4 + K_DOWN12, frontier);
        }
    }

    private void down3(int node, int from, IntArrayList next) {
        if (parentDown3[node] != NONE || node == vantage) return;
        parentDown3[node] = from;
        next.add(node * 4 + K_DOWN3);
    }

    /** True when the vantage has a route to this node. */
    public boolean reaches(int node) {
        return selected[node] != NONE;
    }

    /** The AS path from the vantage (first) to {@code node} (last), or null when unreachable. */
    public int[] path(int node) {
        int s = selected[node];
        if (s == NONE) return null;
        IntArrayList rev = new IntArrayList(8);
        while (true) {
            int n = s >>> 2, kind = s & 3;
            rev.add(g.asn(n));
            if (kind == K_ROOT) break;
            s = switch (kind) {
                case K_DOWN12 -> parent12[n];
                case K_UP -> parentUp[n];
                default -> parentDown3[n];
            };
        }
        int[] a = rev.toIntArray();
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** True when the AS path (vantage first) is valley-free in {@code g}: up*, at most one peer link, down*. */
    public static boolean isValleyFree(AsGraph g, int[] path) {
        boolean descending = false;
        for (int i = 1; i < path.length; i++) {
            if (path[i] == path[i - 1]) continue; // prepending
            int a = g.index(path[i - 1]), b = g.index(path[i]);
            if (a < 0 || b < 0) return false;
            AsGraph.Rel r = g.relation(a, b);
            if (r == null) return false;
            switch (r) {
                case CUSTOMER_OF -> { if (descending) return false; }  // climbing to a provider
                case PEER_OF -> { if (descending) return false; descending = true; }
                case PROVIDER_OF -> descending = true;
            }
        }
        return true;
    }
}
