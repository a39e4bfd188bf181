package org.blackout.core.rib;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * The routing state of every collector peer: one {@link PeerRib} per peer over shared prefix and
 * path tables, plus {@link PeerBits} (which peers see each prefix). Knows nothing of time bins or
 * entities; every change is reported to one {@link RouteChangeListener}.
 *
 * <p>RIB dumps re-sync a peer: between {@link #beginSync} and {@link #endSync} the peer's routes
 * are overwritten by the dump's, and routes the dump did not carry are dropped at the end.
 *
 * <p>Every route change passes through {@link #announce(int, int, int)} and {@link #remove(int, int)},
 * which keep the path table's reference counts: {@link #collectPaths} frees the paths no route uses.
 */
public final class RoutingState {
    private final PrefixTable prefixes = new PrefixTable();
    private final PathTable paths = new PathTable();
    private final PeerBits peerBits = new PeerBits();
    private final Object2IntOpenHashMap<PeerKey> peerIds = new Object2IntOpenHashMap<>();
    private final List<PeerKey> peerKeys = new ArrayList<>();
    private final List<PeerRib> ribs = new ArrayList<>();
    private final List<BitSet> pendingSync = new ArrayList<>();
    private final List<AddPaths> addPaths = new ArrayList<>();
    private final BitSet stale = new BitSet();
    private long[] fullV4 = new long[1];
    private long[] fullV6 = new long[1];
    private RouteChangeListener listener = (peer, prefix, oldPath, newPath) -> {};

    public RoutingState() {
        peerIds.defaultReturnValue(-1);
    }

    public void listener(RouteChangeListener l) {
        this.listener = l;
    }

    public PrefixTable prefixes() {
        return prefixes;
    }

    public PathTable paths() {
        return paths;
    }

    public PeerBits peerBits() {
        return peerBits;
    }

    /** The peer's index, registering it on first sight. */
    public int peer(PeerKey key) {
        int id = peerIds.getInt(key);
        if (id >= 0) return id;
        id = peerKeys.size();
        peerIds.put(key, id);
        peerKeys.add(key);
        ribs.add(new PeerRib());
        pendingSync.add(null);
        addPaths.add(null);
        return id;
    }

    public int peerCount() {
        return peerKeys.size();
    }

    public PeerKey peerKey(int peer) {
        return peerKeys.get(peer);
    }

    public PeerRib rib(int peer) {
        return ribs.get(peer);
    }

    /** Sets a peer's route to a prefix; returns the previous path id or {@link PeerRib#NONE}. */
    public int announce(int peer, Prefix prefix, int pathId) {
        return announce(peer, prefixes.intern(prefix), pathId);
    }

    /** As {@link #announce(int, Prefix, int)} with an already interned prefix. */
    public int announce(int peer, int p, int pathId) {
        BitSet pending = pendingSync.get(peer);
        if (pending != null) pending.clear(p);
        int old = ribs.get(peer).put(p, pathId, prefixes.isV6(p), prefixes.size());
        if (old == PeerRib.NONE) peerBits.set(p, peer, true);
        if (old != pathId) {
            paths.retain(pathId);
            if (old != PeerRib.NONE) paths.release(old);
            listener.changed(peer, p, old, pathId);
        }
        return old;
    }

    /**
     * ADD-PATH (RFC 7911): a peer may hold several paths to a prefix, told apart by path identifier.
     * The peer's table keeps one route per prefix (the last path announced: visibility needs no
     * more); the identifiers are counted per prefix so that withdrawing one path leaves the route
     * while another remains. Peers that never send an identifier pay nothing.
     */
    private static final class AddPaths {
        final it.unimi.dsi.fastutil.longs.LongOpenHashSet live = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
        final it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap perPrefix = new it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap();

        static long key(int p, long pathIdentifier) {
            return ((long) p << 32) | (pathIdentifier & 0xffffffffL);
        }
    }

    /** Announces one of a peer's ADD-PATH paths ({@code pathIdentifier} 0: no ADD-PATH). */
    public int announce(int peer, int p, int pathId, long pathIdentifier) {
        if (pathIdentifier != 0) {
            AddPaths a = addPaths.get(peer);
            if (a == null) addPaths.set(peer, a = new AddPaths());
            if (a.live.add(AddPaths.key(p, pathIdentifier))) a.perPrefix.addTo(p, 1);
        }
        return announce(peer, p, pathId);
    }

    /**
     * Withdraws one of a peer's ADD-PATH paths; the route stays while another identifier for the
     * prefix does. Returns the path id removed, or {@link PeerRib#NONE} (also when a route stays).
     */
    public int remove(int peer, int p, long pathIdentifier) {
        AddPaths a = pathIdentifier == 0 ? null : addPaths.get(peer);
        if (a != null && a.live.remove(AddPaths.key(p, pathIdentifier))) {
            int left = a.perPrefix.addTo(p, -1) - 1;
            if (left > 0) return PeerRib.NONE;
            a.perPrefix.remove(p);
        }
        return remove(peer, p);
    }

    /** Forgets a prefix's ADD-PATH identifiers once the peer has no route to it. */
    private void forgetPaths(int peer, int p) {
        AddPaths a = addPaths.get(peer);
        if (a == null || a.perPrefix.remove(p) == 0) return;
        a.live.removeIf(k -> (int) (k >>> 32) == p);
    }

    /** Removes a peer's route to a prefix; returns the path id it had or {@link PeerRib#NONE}. */
    public int withdraw(int peer, Prefix prefix) {
        int p = prefixes.find(prefix);
        if (p == PrefixTable.NONE) return PeerRib.NONE;
        return remove(peer, p);
    }

    /** Removes a peer's route to an interned prefix; returns the path id it had or {@link PeerRib#NONE}. */
    public int remove(int peer, int p) {
        if (addPaths.get(peer) != null) forgetPaths(peer, p);
        int old = ribs.get(peer).remove(p, prefixes.isV6(p));
        if (old != PeerRib.NONE) {
            peerBits.set(p, peer, false);
            paths.release(old);
            listener.changed(peer, p, old, PeerRib.NONE);
        }
        return old;
    }

    /** Starts re-syncing a peer from a RIB dump: routes not re-announced before {@link #endSync} go. */
    public void beginSync(int peer) {
        if (pendingSync.get(peer) != null) return;
        BitSet pending = new BitSet();
        ribs.get(peer).forEach((p, path) -> pending.set(p));
        pendingSync.set(peer, pending);
    }

    public boolean syncing(int peer) {
        return pendingSync.get(peer) != null;
    }

    /** Ends a peer's re-sync; returns how many routes the dump no longer carried. */
    public int endSync(int peer) {
        BitSet pending = pendingSync.get(peer);
        if (pending == null) return 0;
        pendingSync.set(peer, null);
        int n = 0;
        for (int p = pending.nextSetBit(0); p >= 0; p = pending.nextSetBit(p + 1)) {
            if (remove(peer, p) != PeerRib.NONE) n++;
        }
        return n;
    }

    /** Drops all of a peer's routes (session down); returns how many there were. */
    public int dropPeer(int peer) {
        pendingSync.set(peer, null);
        addPaths.set(peer, null);
        PeerRib rib = ribs.get(peer);
        int n = rib.size();
        if (n == 0) return 0;
        int[] ids = new int[n];
        int[] k = {0};
        rib.forEach((p, path) -> ids[k[0]++] = p);
        for (int p : ids) remove(peer, p);
        rib.clear();
        return n;
    }

    /**
     * Frees the AS paths no route uses any more (see {@link PathTable#collect}); their ids may be
     * handed out again afterwards. Call between elements, never while a path id read before the
     * call is still to be used. Returns how many paths were freed.
     */
    public int collectPaths() {
        return paths.collect();
    }

    /** As {@link #collectPaths}, keeping for one more call the paths that fell out of use since the last ({@link PathTable#collectAged}). */
    public int collectAgedPaths() {
        return paths.collectAged();
    }

    /** Stale peers keep their routes but count for nothing until they speak again. */
    public void stale(int peer, boolean isStale) {
        stale.set(peer, isStale);
    }

    public boolean isStale(int peer) {
        return stale.get(peer);
    }

    /** Re-evaluates which peers are full-feed; stale peers never are. */
    public void recomputeFullFeed(FullFeedPolicy policy) {
        int n = peerKeys.size();
        int max4 = 0, max6 = 0;
        for (int i = 0; i < n; i++) {
            if (stale.get(i)) continue;
            max4 = Math.max(max4, ribs.get(i).sizeV4());
            max6 = Math.max(max6, ribs.get(i).sizeV6());
        }
        long[] f4 = new long[(n + 63) / 64 + 1];
        long[] f6 = new long[f4.length];
        for (int i = 0; i < n; i++) {
            if (stale.get(i)) continue;
            PeerRib r = ribs.get(i);
            if (r.sizeV4() > 0 && policy.fullV4(r.sizeV4(), max4)) f4[i >>> 6] |= 1L << i;
            if (r.sizeV6() > 0 && policy.fullV6(r.sizeV6(), max6)) f6[i >>> 6] |= 1L << i;
        }
        fullV4 = f4;
        fullV6 = f6;
    }

    /** Full-feed peers for a family, as a bitmap over peer indexes (do not modify). */
    public long[] fullFeedMask(boolean v6) {
        return v6 ? fullV6 : fullV4;
    }

    public boolean isFullFeed(int peer) {
        int w = peer >>> 6;
        return w < fullV4.length && ((fullV4[w] | fullV6[w]) & (1L << peer)) != 0;
    }

    /** Peers full-feed for either family. */
    public int fullFeedCount() {
        int n = 0;
        for (int w = 0; w < fullV4.length; w++) n += Long.bitCount(fullV4[w] | fullV6[w]);
        return n;
    }

    public int fullFeedCount(boolean v6) {
        int n = 0;
        for (long w : v6 ? fullV6 : fullV4) n += Long.bitCount(w);
        return n;
    }

    /** Total routes over all peers. */
    public long routeCount() {
        long n = 0;
        for (PeerRib r : ribs) n += r.size();
        return n;
    }
}
