package org.blackout.core.policy;

import java.util.List;
import org.blackout.wire.bgp.AsPath;

/**
 * The valley-free test (Gao-Rexford export rules) behind RFC 7908 route leak detection. Read from
 * the origin towards the collector, a legitimate route climbs customer→provider links zero or more
 * times, crosses at most one peer link, then only descends provider→customer. Any up or peer step
 * after a peer or down step is a leak; {@link #check(long[])} reports the first one, nearest the
 * origin, since later valleys are usually its consequence.
 *
 * <p>Links of unknown relationship carry no information: they are skipped, never blamed, so a path
 * through unknown links alone is clean. Prepends (repeated ASNs) are collapsed as the path is read.
 * Paths with an AS loop (an AS twice, apart: BGP poisoning, as in {@code 174 64500 3356 64500})
 * are not judged: the loop is deliberate and makes a valley by construction.
 *
 * <p>{@link #check(long[])} allocates nothing unless it finds a leak: one hash probe per hop.
 */
public final class ValleyFree {
    private final AsRelationships relationships;

    public ValleyFree(AsRelationships relationships) {
        this.relationships = relationships;
    }

    /**
     * The first leak in an AS path, or null when the path is valley-free as far as the known
     * relationships tell.
     *
     * @param path the AS_SEQUENCE hops as the collector's peer sent them: index 0 is the peer (nearest
     *             the collector), the last is the origin; prepends allowed; no AS_SET members
     */
    public Leak check(long[] path) {
        return check(path, path.length);
    }

    /** As {@link #check(long[])} for the first {@code length} entries of a reused buffer. */
    public Leak check(long[] path, int length) {
        if (length < 3) return null; // a valley needs an AS between two others
        long cur = path[length - 1];
        int curIndex = length - 1;
        long from = -1;
        Relation lastStep = Relation.UNKNOWN; // from's relation to cur
        boolean descending = false;           // a peer or down step has happened
        for (int j = length - 2; j >= 0; j--) {
            long next = path[j];
            if (next == cur) {
                curIndex = j;
                continue;
            }
            Relation step = relationships.relation(cur, next);
            switch (step) {
                case CUSTOMER_OF, PEER -> {
                    if (descending) return hasLoop(path, length) ? null : new Leak(curIndex, cur, next, from, kind(lastStep, step));
                    if (step == Relation.PEER) descending = true;
                }
                case PROVIDER_OF -> descending = true;
                case UNKNOWN -> { }
            }
            from = cur;
            cur = next;
            curIndex = j;
            lastStep = step;
        }
        return null;
    }

    /** An AS twice, not adjacent; quadratic, but paths are short and this runs only on a suspected leak. */
    private static boolean hasLoop(long[] path, int length) {
        for (int i = 0; i < length; i++) {
            for (int j = i + 2; j < length; j++) {
                if (path[j] == path[i] && path[j - 1] != path[i]) return true;
            }
        }
        return false;
    }

    /**
     * As {@link #check(long[])} for a decoded path: its AS_SEQUENCE segments in order, AS_SETs and
     * confederation segments left out (a set's members are in no order, so they make no steps).
     * The leak's index counts in those AS_SEQUENCE hops. Allocates a hop array when the path has
     * more than one segment.
     */
    public Leak check(AsPath path) {
        List<AsPath.Segment> segments = path.segments();
        if (segments.size() == 1 && segments.get(0).type() == AsPath.SegmentType.AS_SEQUENCE) {
            return check(segments.get(0).asns());
        }
        int n = 0;
        for (AsPath.Segment s : segments) if (s.type() == AsPath.SegmentType.AS_SEQUENCE) n += s.asns().length;
        long[] hops = new long[n];
        n = 0;
        for (AsPath.Segment s : segments) {
            if (s.type() != AsPath.SegmentType.AS_SEQUENCE) continue;
            System.arraycopy(s.asns(), 0, hops, n, s.asns().length);
            n += s.asns().length;
        }
        return check(hops);
    }

    /** @param learned what the previous AS was to the leaker; {@code leakedTo}: what the leaker is to the next */
    private static Leak.Kind kind(Relation learned, Relation leakedTo) {
        boolean toPeer = leakedTo == Relation.PEER;
        return switch (learned) {
            case PROVIDER_OF -> toPeer ? Leak.Kind.PROVIDER_TO_PEER : Leak.Kind.HAIRPIN;
            case PEER -> toPeer ? Leak.Kind.LATERAL : Leak.Kind.PEER_TO_PROVIDER;
            default -> Leak.Kind.ACROSS_UNKNOWN;
        };
    }
}
