package org.blackout.sim;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/** Interns {@link SimPath}s: tables store small int ids instead of millions of path objects. */
public final class PathPool {
    private final List<SimPath> paths = new ArrayList<>();
    private final Object2IntOpenHashMap<SimPath> ids = new Object2IntOpenHashMap<>();

    public PathPool() {
        ids.defaultReturnValue(-1);
    }

    public int intern(SimPath p) {
        int id = ids.getInt(p);
        if (id < 0) {
            id = paths.size();
            paths.add(p);
            ids.put(p, id);
        }
        return id;
    }

    /**
     * Adds a path the caller knows is not in the pool yet, without indexing it: cheaper for
     * millions of paths. A later {@link #intern} of an equal path may give it a second id.
     */
    public synchronized int addDistinct(SimPath p) {
        paths.add(p);
        return paths.size() - 1;
    }

    public int intern(int[] asns, int origin) {
        return intern(new SimPath(asns, origin));
    }

    public SimPath get(int id) {
        return paths.get(id);
    }

    public int size() {
        return paths.size();
    }
}
