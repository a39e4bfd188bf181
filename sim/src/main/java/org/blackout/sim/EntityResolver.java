package org.blackout.sim;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.blackout.wire.net.Prefix;

/** Resolves an {@link Entity} to the indices of the baseline prefixes it covers, sorted. */
public final class EntityResolver {
    private final Baseline base;
    private final RirDelegations rir;
    private final int[] originOf;

    public EntityResolver(Baseline base, RirDelegations rir) {
        this.base = base;
        this.rir = rir;
        originOf = new int[base.prefixes().length];
        for (int i = 0; i < originOf.length; i++) {
            originOf[i] = -1;
            for (int[] r : base.routes()) {
                if (r[i] >= 0) {
                    originOf[i] = base.paths().get(r[i]).originAs();
                    break;
                }
            }
        }
    }

    /** The origin AS of a baseline prefix as the first peer holding it sees it, or -1. */
    public int origin(int prefix) {
        return originOf[prefix];
    }

    public int[] resolve(Entity e) {
        Prefix[] ps = base.prefixes();
        IntArrayList out = new IntArrayList();
        switch (e) {
            case Entity.As a -> {
                for (int i = 0; i < ps.length; i++) if (originOf[i] == a.asn()) out.add(i);
            }
            case Entity.Prefixes l -> {
                for (int i = 0; i < ps.length; i++) if (coveredBy(ps[i], l.prefixes())) out.add(i);
            }
            case Entity.Country c -> {
                if (rir == null || !rir.knows(c.code())) return new int[0];
                Set<Integer> asns = rir.asns(c.code());
                TreeMap<Prefix, Prefix> blocks = new TreeMap<>();
                for (Prefix b : rir.blocks(c.code())) blocks.put(b, b);
                for (int i = 0; i < ps.length; i++) {
                    if (asns.contains(originOf[i]) || insideAny(ps[i], blocks)) out.add(i);
                }
            }
        }
        return out.toIntArray();
    }

    private static boolean coveredBy(Prefix p, List<Prefix> list) {
        for (Prefix q : list) if (q.covers(p)) return true;
        return false;
    }

    /** Delegated blocks do not overlap, so only the closest block starting at or before p can cover it. */
    private static boolean insideAny(Prefix p, TreeMap<Prefix, Prefix> blocks) {
        var e = blocks.floorEntry(p);
        // a shorter block with the same start sorts before p; a longer one (inside p) sorts after
        while (e != null) {
            if (e.getKey().covers(p)) return true;
            if (e.getKey().v6() != p.v6()) return false;
            // step back only while blocks could still cover p (same start, shorter length)
            Prefix k = e.getKey();
            if (k.hi() != p.hi() || k.lo() != p.lo()) return false;
            e = blocks.lowerEntry(k);
        }
        return false;
    }
}
