package org.blackout.sim;

/**
 * One scheduled change to one peer's state. Withdrawals count (a route is announced only when no
 * active withdrawal holds it down), so overlapping actions undo cleanly in any order.
 *
 * @param prefix index in the simulation's prefix universe (unused for session kinds)
 * @param arg    the path id for {@link Kind#SET_PATH} ({@code -1}: no route)
 * @param seq    creation order, the tie-breaker that keeps sorting stable
 */
record Effect(long micros, int peer, int prefix, Kind kind, int arg, long seq) implements Comparable<Effect> {

    enum Kind { SUPPRESS, UNSUPPRESS, SET_PATH, SET_BASE, SESSION_DOWN, SESSION_UP }

    @Override
    public int compareTo(Effect o) {
        int c = Long.compare(micros, o.micros);
        if (c != 0) return c;
        c = Integer.compare(peer, o.peer);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
