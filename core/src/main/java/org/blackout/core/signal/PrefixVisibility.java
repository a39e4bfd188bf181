package org.blackout.core.signal;

import java.util.Arrays;
import org.blackout.core.rib.PeerBits;
import org.blackout.core.rib.RoutingState;

/**
 * Visibility of each prefix judged among the peers that carried it, RIB or no RIB.
 *
 * <p>Update files carry no table: a peer's routes are learned only when it announces them, so a
 * peer's table size says little about what it carries (on route-views2 in February 2008 most
 * peers' rebuilt tables hold 40–200 k of 245 k prefixes). What can be known is, per prefix, which
 * peers announced it: its <em>carriers</em>. A prefix is <em>lost</em> when its carriers withdrew
 * it: more than {@code share} of them and at least {@code min(floor, carriers)}. A withdrawal by
 * every peer that carried a prefix is a loss whatever their table size.
 *
 * <p>Peers whose session went down stop being carriers (their routes left with the session: a
 * feed's failure, not the Internet's); stale peers are masked out until they speak again. A prefix
 * lost for longer than {@code forgetMicros} is retired: it no longer counts as known space, so an
 * entity's long-gone prefixes do not hold an outage open for ever.
 */
public final class PrefixVisibility {
    /** A prefix's state. */
    public enum Status { UNKNOWN, VISIBLE, LOST, RETIRED }

    private final RoutingState routing;
    private final PeerBits carried = new PeerBits();
    private long[] lastWithdrawal = new long[1024];
    private long[] active = new long[1];
    private double share;
    private int floor;
    private long forgetMicros;
    private boolean rib;
    /**
     * Per prefix, the generation of its last change of carriers, routes or withdrawal time; with
     * {@link #allChangedAt}, what lets a large entity's member snapshot be refreshed member by
     * member (see {@link #changedSince}) instead of re-read whole every bin.
     */
    private int[] stamp = new int[1024];
    private int generation = 1;
    private int allChangedAt;

    public PrefixVisibility(RoutingState routing, double share, int floor, long forgetMicros) {
        this.routing = routing;
        settings(share, floor, forgetMicros);
    }

    public void settings(double share, int floor, long forgetMicros) {
        if (!(share >= 0 && share < 1)) throw new IllegalArgumentException("prefix loss share must be in [0,1): " + share);
        this.share = share;
        this.floor = Math.max(1, floor);
        this.forgetMicros = forgetMicros;
        allChanged();
    }

    /** The prefix's routes changed (any peer's): its status may have. */
    public void changed(int p) {
        if (p >= stamp.length) stamp = Arrays.copyOf(stamp, Math.max(p + 1, stamp.length * 2));
        stamp[p] = generation;
    }

    private void allChanged() {
        allChangedAt = generation;
    }

    /** Starts a new generation; returns it. Changes from now on are stamped with it. */
    public int nextGeneration() {
        return ++generation;
    }

    /**
     * Whether a prefix's routes, carriers or withdrawal time may have changed since generation
     * {@code at} started (always true when everything has). A prefix's status changes only with
     * them, or with time when it is lost (a lost prefix retires).
     */
    public boolean changedSince(int p, int at) {
        return at <= allChangedAt || (p < stamp.length && stamp[p] >= at);
    }

    /** Whether everything counts as changed since generation {@code at}. */
    public boolean allChangedSince(int at) {
        return at <= allChangedAt;
    }

    /** A peer announced the prefix (an update or a RIB entry): it carries it from now on. */
    public void announced(int peer, int p, boolean fromRib) {
        if (!carried.get(p, peer)) changed(p);
        carried.set(p, peer, true);
        if (fromRib) rib = true;
    }

    /** A peer withdrew the prefix at {@code timeMicros}. */
    public void withdrawn(int p, long timeMicros) {
        if (p >= lastWithdrawal.length) lastWithdrawal = Arrays.copyOf(lastWithdrawal, Math.max(p + 1, lastWithdrawal.length * 2));
        lastWithdrawal[p] = timeMicros;
        changed(p);
    }

    /** The peer's session went down: it carries nothing until it announces again. */
    public void peerGone(int peer, int prefixCount) {
        for (int p = 0; p < prefixCount; p++) if (carried.get(p, peer)) carried.set(p, peer, false);
        allChanged();
    }

    /** Sets which peers count (not stale); returns true when that changed. */
    public boolean active(long[] mask) {
        if (Arrays.equals(mask, active)) return false;
        active = mask.clone();
        allChanged();
        return true;
    }

    /** Whether any table came from a RIB dump (the basis of signals: {@code rib} or {@code updates}). */
    public boolean fromRib() {
        return rib;
    }

    public String basis() {
        return rib ? "rib" : "updates";
    }

    /** Time of the prefix's last withdrawal by any peer, or 0. */
    public long lastWithdrawal(int p) {
        return p < lastWithdrawal.length ? lastWithdrawal[p] : 0;
    }

    /** Active peers that carried the prefix. */
    public int carriers(int p) {
        int n = 0;
        for (int w = 0; w < carried.words() && w < active.length; w++) n += Long.bitCount(carried.word(p, w) & active[w]);
        return n;
    }

    /** Active carriers that no longer route the prefix. */
    public int withdrawnBy(int p) {
        PeerBits routes = routing.peerBits();
        int n = 0;
        for (int w = 0; w < carried.words() && w < active.length; w++) {
            long c = carried.word(p, w) & active[w];
            n += Long.bitCount(c & ~routes.word(p, w));
        }
        return n;
    }

    /** ORs the prefix's active carriers into {@code acc}, and those that withdrew it into {@code gone}. */
    public void orPeers(int p, long[] acc, long[] gone) {
        PeerBits routes = routing.peerBits();
        for (int w = 0; w < carried.words() && w < active.length && w < acc.length; w++) {
            long c = carried.word(p, w) & active[w];
            acc[w] |= c;
            gone[w] |= c & ~routes.word(p, w);
        }
    }

    /** Bitmap words needed for {@link #orPeers}. */
    public int words() {
        return Math.max(carried.words(), active.length);
    }

    /** Whether the peer carried the prefix (whatever its state now). */
    public boolean carries(int p, int peer) {
        return carried.get(p, peer);
    }

    /** The prefix's state at data time {@code nowMicros}. */
    public Status status(int p, long nowMicros) {
        int c = carriers(p);
        if (c == 0) return Status.UNKNOWN;
        int w = withdrawnBy(p);
        if (!(w > share * c && w >= Math.min(floor, c))) return Status.VISIBLE;
        if (forgetMicros > 0 && nowMicros - lastWithdrawal(p) > forgetMicros) return Status.RETIRED;
        return Status.LOST;
    }

    public long approximateBytes() {
        return carried.approximateBytes() + 8L * lastWithdrawal.length;
    }
}
