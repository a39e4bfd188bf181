package org.blackout.core.rib;

import java.util.Arrays;

/**
 * One peer's Adj-RIB-In: prefix id → path id, nothing else. A peer with a partial table keeps a
 * primitive hash map ({@link IntIntTable}, about 11–21 bytes a route); once it carries a quarter of
 * all known prefixes it switches to a dense int array indexed by prefix id (4 bytes a known prefix),
 * which is what a full-feed peer costs: 4 bytes a route.
 */
public final class PeerRib {
    public static final int NONE = -1;
    private static final int MIN_DENSE = 4096;

    private IntIntTable sparse = new IntIntTable();
    private int[] dense;
    private int size;
    private int sizeV6;

    public int get(int prefixId) {
        if (dense != null) return prefixId < dense.length ? dense[prefixId] : NONE;
        return sparse.get(prefixId);
    }

    /**
     * Sets the route for a prefix; returns the previous path id or {@link #NONE}.
     * {@code knownPrefixes} is the prefix table's size, used to pick the representation.
     */
    public int put(int prefixId, int pathId, boolean v6, int knownPrefixes) {
        int old;
        if (dense != null) {
            if (prefixId >= dense.length) growDense(Math.max(prefixId + 1, knownPrefixes));
            old = dense[prefixId];
            dense[prefixId] = pathId;
        } else {
            old = sparse.put(prefixId, pathId);
        }
        if (old == NONE) {
            size++;
            if (v6) sizeV6++;
            if (dense == null && size >= MIN_DENSE && size >= knownPrefixes / 4) toDense(knownPrefixes);
        }
        return old;
    }

    /** Removes a prefix's route; returns the path id it had or {@link #NONE}. */
    public int remove(int prefixId, boolean v6) {
        int old;
        if (dense != null) {
            if (prefixId >= dense.length) return NONE;
            old = dense[prefixId];
            dense[prefixId] = NONE;
        } else {
            old = sparse.remove(prefixId);
        }
        if (old != NONE) {
            size--;
            if (v6) sizeV6--;
        }
        return old;
    }

    private void toDense(int knownPrefixes) {
        int[] max = {0};
        sparse.forEach((p, path) -> max[0] = Math.max(max[0], p));
        int[] d = new int[Math.max(max[0] + 1, knownPrefixes)];
        Arrays.fill(d, NONE);
        sparse.forEach((p, path) -> d[p] = path);
        dense = d;
        sparse = null;
    }

    private void growDense(int atLeast) {
        int old = dense.length;
        dense = Arrays.copyOf(dense, Math.max(atLeast, old + (old >>> 2)));
        Arrays.fill(dense, old, dense.length, NONE);
    }

    public int size() {
        return size;
    }

    public int sizeV4() {
        return size - sizeV6;
    }

    public int sizeV6() {
        return sizeV6;
    }

    public boolean isDense() {
        return dense != null;
    }

    /** Calls {@code action(prefixId, pathId)} for every route, in no particular order. */
    public void forEach(RouteVisitor action) {
        if (dense != null) {
            for (int p = 0; p < dense.length; p++) if (dense[p] != NONE) action.visit(p, dense[p]);
        } else {
            sparse.forEach(action);
        }
    }

    /** Drops every route and returns to the small representation. */
    public void clear() {
        dense = null;
        sparse = new IntIntTable();
        size = 0;
        sizeV6 = 0;
    }
}
