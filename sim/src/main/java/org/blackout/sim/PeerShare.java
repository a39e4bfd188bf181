package org.blackout.sim;

import java.util.List;

/**
 * Which collector peers an action touches: a share of them (drawn by the seed, a new draw each
 * time when {@code min < max}), or listed peer indices.
 */
public record PeerShare(double min, double max, List<Integer> indices) {
    public static final PeerShare ALL = new PeerShare(1, 1, null);

    public static PeerShare of(double share) {
        return new PeerShare(share, share, null);
    }

    public String label() {
        if (indices != null) return "peers " + indices;
        if (min == max) return min == 1 ? "all peers" : Math.round(min * 100) + "% of peers";
        return Math.round(min * 100) + "-" + Math.round(max * 100) + "% of peers";
    }
}
