package org.blackout.sim;

import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * The routing tables every simulated peer holds at the start: one shared, sorted prefix array
 * and per peer one path id per prefix ({@code -1}: no route). Compact enough for 1M prefixes
 * times hundreds of peers.
 *
 * @param source what the tables were made from, for the output's README and truth file
 */
public record Baseline(Prefix[] prefixes, List<SimPeer> peers, int[][] routes, PathPool paths, String source) {

    public Baseline {
        if (routes.length != peers.size()) throw new IllegalArgumentException("one route array per peer");
        for (int[] r : routes) if (r.length != prefixes.length) throw new IllegalArgumentException("one route per prefix");
    }

    public int indexOf(Prefix p) {
        return java.util.Arrays.binarySearch(prefixes, p);
    }

    /** Total number of (peer, prefix) routes. */
    public long routeCount() {
        long n = 0;
        for (int[] r : routes) for (int id : r) if (id >= 0) n++;
        return n;
    }
}
