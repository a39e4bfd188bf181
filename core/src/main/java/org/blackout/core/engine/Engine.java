package org.blackout.core.engine;

import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.blackout.core.entity.CountryCode;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.PathTable;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.PrefixTable;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalCalculator;
import org.blackout.core.signal.Watch;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * Blackout's engine: route elements in, per-bin signals and feed events out. Single-threaded,
 * pure and deterministic: the clock is the elements' timestamps, so the same input gives the same
 * output whether replayed from files, fed live or run inside a stream processor.
 *
 * <p>Elements should arrive in time order (see the replay merge); an element older than the
 * current bin is applied to the current bin.
 */
public final class Engine implements RoutingView, ElementSink {
    private static final int ESTABLISHED = 6;

    private final EngineConfig config;
    private final EntityMaps maps;
    /** The maps cut down to the watched countries' space, for classifying prefixes. */
    private final EntityMaps classifyMaps;
    private final Watch watch;
    private final EngineListener listener;
    private final RoutingState routing = new RoutingState();
    private final EntityIndex index;
    private final SignalCalculator calculator;
    private final org.blackout.core.signal.PrefixVisibility visibility;
    private final List<Prefix> watchedBlocks = new ArrayList<>();
    private final boolean[] watchedCountry = new boolean[CountryCode.COUNT];
    private final LongLinkedOpenHashSet watchedAses = new LongLinkedOpenHashSet();
    private final boolean classifyCountries, anyAs, allAses; // the watch, read once per element
    private final it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap asEntities = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
    private final java.util.BitSet classified = new java.util.BitSet();
    private final java.util.BitSet syncing = new java.util.BitSet();
    private long[] lastSeen = new long[16];
    private SignalCalculator.State[] cache = new SignalCalculator.State[16];
    private long[] lastFullFeed = new long[0];

    private long binStart = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private long elements;
    private AsPath lastAsPath;
    private int lastPathId = -1;
    private static final int PATH_CACHE = 4096; // as the decoder's attribute cache
    private final AsPath[] pathKeys = new AsPath[PATH_CACHE];
    private final int[] pathIds = new int[PATH_CACHE];

    public Engine(EngineConfig config, EntityMaps maps, Watch watch, EngineListener listener) {
        this.config = config;
        this.maps = maps;
        this.watch = watch;
        this.listener = listener;
        this.index = new EntityIndex(p -> routing.prefixes().isV6(p) ? 0 : Math.scalb(1.0, 24 - routing.prefixes().length(p)));
        this.visibility = new org.blackout.core.signal.PrefixVisibility(routing, config.lossShare(), config.lossFloor(), config.forgetMicros());
        this.calculator = new SignalCalculator(routing, index, maps, config.threshold(), visibility);
        for (Entity e : watch.entities()) {
            index.entity(e); // fixed entities report even when empty, in the order given
            switch (e) {
                case Entity.Country c -> watchedCountry[CountryCode.encode(c.code())] = true;
                case Entity.As a -> {
                    watchedAses.add(a.asn());
                    asEntities.put(a.asn(), index.find(a));
                }
                case Entity.Block b -> watchedBlocks.add(b.prefix());
            }
        }
        if (watch.allCountries()) Arrays.fill(watchedCountry, true);
        asEntities.defaultReturnValue(-1);
        this.classifyCountries = watch.watchesAnyCountry() && maps.hasCountries();
        this.classifyMaps = watch.allCountries() ? maps : maps.onlyCountries(cc -> watchedCountry[cc]);
        this.anyAs = watch.watchesAnyAs();
        this.allAses = watch.allAses();
        routing.listener(this::routeChanged);
    }

    /** Applies one element seen by {@code collector}. */
    @Override
    public void accept(String collector, RouteElement e) {
        long t = e.timeMicros();
        advanceTo(t);
        elements++;
        int peer = peerOf(collector, e);
        touch(peer, t);
        int p = -1;
        switch (e.type()) {
            case RIB -> {
                if (!syncing.get(peer)) {
                    routing.beginSync(peer);
                    syncing.set(peer);
                }
                p = prefixId(e.prefix());
                routing.announce(peer, p, pathId(e.attributes()), e.pathId());
                visibility.announced(peer, p, true);
            }
            case ANNOUNCE -> {
                endSync(peer, t);
                p = prefixId(e.prefix());
                if (e.attributes() != null && e.attributes().treatAsWithdraw()) {
                    withdraw(peer, p, e.pathId(), t);
                    index.countWithdrawal(p);
                } else {
                    routing.announce(peer, p, pathId(e.attributes()), e.pathId());
                    visibility.announced(peer, p, false);
                    index.countAnnouncement(p);
                }
            }
            case WITHDRAW -> {
                endSync(peer, t);
                p = routing.prefixes().find(e.prefix());
                if (p >= 0) {
                    withdraw(peer, p, e.pathId(), t);
                    index.countWithdrawal(p);
                }
            }
            case STATE -> {
                endSync(peer, t);
                String detail = FeedEvent.stateName(e.oldState()) + "→" + FeedEvent.stateName(e.newState());
                FeedEvent.Kind kind;
                int routes = 0;
                if (e.newState() == ESTABLISHED) {
                    kind = FeedEvent.Kind.SESSION_UP;
                } else if (e.oldState() == ESTABLISHED || routing.rib(peer).size() > 0) {
                    // no session, no routes: the peer's routes go, and with them its full-feed status
                    routes = routing.dropPeer(peer);
                    visibility.peerGone(peer, routing.prefixes().size());
                    index.markAllDirty();
                    kind = FeedEvent.Kind.SESSION_DOWN;
                } else {
                    kind = FeedEvent.Kind.STATE_CHANGE;
                }
                listener.feedEvent(new FeedEvent(instant(t), routing.peerKey(peer), kind, routes, detail));
            }
        }
        dispatched = e;
        dispatchedPrefix = p;
        listener.element(collector, e, this);
        dispatched = null;
    }

    private RouteElement dispatched;
    private int dispatchedPrefix = -1;

    /** The element being handed to listeners already has its prefix id: no second look-up per element. */
    @Override
    public int prefixIdOf(RouteElement e) {
        return e == dispatched ? dispatchedPrefix : RoutingView.super.prefixIdOf(e);
    }

    /**
     * A peer withdraws a prefix. Without a RIB, a withdrawal of a route the data never showed the
     * peer announcing (it came before the first file) still tells that the peer carried the prefix
     * and no longer does: it counts among the prefix's carriers, as withdrawn.
     */
    private void withdraw(int peer, int p, long pathId, long t) {
        if (routing.remove(peer, p, pathId) != PeerRib.NONE) {
            visibility.withdrawn(p, t);
        } else if (!visibility.carries(p, peer)) {
            visibility.announced(peer, p, false);
            visibility.withdrawn(p, t);
            index.prefixChanged(p);
        }
    }

    /** A source's report about the feed itself (a data gap in an archive), handed to the listeners in data order. */
    public void feedEvent(FeedEvent e) {
        listener.feedEvent(e);
    }

    /** Closes the current bin (end of input) and tells the listener the data has ended. */
    public void finish() {
        if (binStart != Long.MIN_VALUE) closeBin();
        binStart = Long.MIN_VALUE;
        listener.finished();
    }

    public long elements() {
        return elements;
    }

    /**
     * Closes the bins that end at or before {@code timeMicros} without an element: a live feed's
     * clock, so a quiet feed still yields its signals. Does nothing before the first element.
     */
    public void advance(long timeMicros) {
        if (binStart != Long.MIN_VALUE) advanceTo(timeMicros);
    }

    private void advanceTo(long t) {
        if (binStart == Long.MIN_VALUE) {
            binStart = Math.floorDiv(t, config.binMicros()) * config.binMicros();
        }
        if (t > lastTime) lastTime = t;
        long bin = config.binMicros();
        if (t < binStart + bin) return;
        closeBin();
        long next = Math.floorDiv(t, bin) * bin;
        if ((next - binStart) / bin - 1 > config.maxEmptyBins()) {
            binStart = next; // a long gap in the data: skip it, do not fill it with empty bins
            return;
        }
        for (binStart += bin; binStart < next; binStart += bin) closeBin();
    }

    private String lastCollector;
    private Object lastPeerAddress;
    private long lastPeerAs = -1;
    private int lastPeer = -1;
    private final PeerCache peers = new PeerCache();

    /** The peer's index; elements of one record share their peer, so the last one is remembered. */
    @Override
    public int peerOf(String collector, RouteElement e) {
        if (e.peerAs() == lastPeerAs && java.util.Objects.equals(e.peerAddress(), lastPeerAddress)
                && collector.equals(lastCollector)) return lastPeer;
        org.blackout.wire.net.IpAddress address = e.peerAddress();
        long peerAs = e.peerAs();
        lastPeer = peers.get(collector, address, peerAs);
        if (lastPeer < 0) {
            lastPeer = routing.peer(new PeerKey(collector, address, peerAs));
            peers.put(collector, address, peerAs, lastPeer);
        }
        lastCollector = collector;
        lastPeerAddress = address;
        lastPeerAs = peerAs;
        return lastPeer;
    }

    private void touch(int peer, long t) {
        if (peer >= lastSeen.length) lastSeen = Arrays.copyOf(lastSeen, Math.max(peer + 1, lastSeen.length * 2));
        lastSeen[peer] = Math.max(lastSeen[peer], t);
        if (routing.isStale(peer)) {
            routing.stale(peer, false);
            listener.feedEvent(new FeedEvent(instant(t), routing.peerKey(peer), FeedEvent.Kind.RESUMED, routing.rib(peer).size(), ""));
        }
    }

    private void endSync(int peer, long t) {
        if (!syncing.get(peer)) return;
        syncing.clear(peer);
        int dropped = routing.endSync(peer);
        if (dropped > 0) {
            listener.feedEvent(new FeedEvent(instant(t), routing.peerKey(peer), FeedEvent.Kind.RESYNC, dropped, ""));
        }
    }

    private int pathId(PathAttributes attrs) {
        AsPath p = attrs == null ? null : attrs.asPath();
        if (p == null) p = AsPath.EMPTY;
        // elements of one UPDATE or RIB record share their attributes: skip re-interning
        if (p == lastAsPath) return lastPathId;
        // a RIB record's entries are different peers' paths, so the last one rarely repeats; but the
        // decoder shares one AsPath per repeated attribute section, and interning (copying the path
        // out, hashing, comparing) was a third of a RIB replay (JFR): remember recent ones by identity
        int slot = System.identityHashCode(p) & (PATH_CACHE - 1);
        int id;
        if (pathKeys[slot] == p) {
            id = pathIds[slot];
        } else {
            id = routing.paths().intern(p.sequence(), p.origins());
            pathKeys[slot] = p;
            pathIds[slot] = id;
        }
        lastAsPath = p;
        lastPathId = id;
        return id;
    }

    /** Interns a prefix and, the first time, places it in the country and block entities it falls in. */
    private int prefixId(Prefix prefix) {
        int p = routing.prefixes().intern(prefix);
        if (!classified.get(p)) {
            classified.set(p);
            if (eligible(prefix)) classify(p, prefix);
        }
        return p;
    }

    private boolean eligible(Prefix prefix) {
        return prefix.length() >= (prefix.v6() ? config.minLengthV6() : config.minLengthV4());
    }

    private void classify(int p, Prefix prefix) {
        double slash24 = prefix.slash24s();
        if (classifyCountries) {
            // a prefix may hit several ranges of one country: weights add up
            classifyMaps.splitByCountry(prefix, (cc, fraction) -> {
                if (!watchedCountry[cc]) return;
                int e = index.entity(new Entity.Country(CountryCode.decode(cc)));
                if (!index.add(e, p, fraction * slash24)) index.addWeight(e, p, fraction * slash24);
            });
        }
        for (Prefix b : watchedBlocks) {
            double w;
            if (b.covers(prefix)) w = slash24;
            else if (prefix.covers(b)) w = b.slash24s();
            else continue;
            index.add(index.find(new Entity.Block(b)), p, w);
        }
    }

    /** Every RIB change: keep AS membership and dirty marks current. */
    private void routeChanged(int peer, int p, int oldPath, int newPath) {
        index.prefixChanged(p);
        visibility.changed(p);
        if (newPath == PeerRib.NONE || !anyAs) return;
        PathTable paths = routing.paths();
        int n = paths.originCount(newPath);
        for (int i = 0; i < n; i++) {
            long asn = paths.origin(newPath, i);
            if (!allAses && !watchedAses.contains(asn)) continue;
            int e = asEntities.get(asn);
            if (e >= 0 && index.contains(e, p)) continue;
            PrefixTable pt = routing.prefixes();
            if (pt.length(p) < (pt.isV6(p) ? config.minLengthV6() : config.minLengthV4())) continue;
            if (e < 0) {
                e = index.entity(new Entity.As(asn));
                asEntities.put(asn, e);
            }
            index.add(e, p, 0); // an AS's weight is the whole prefix, computed when needed
        }
    }

    private void closeBin() {
        long end = binStart + config.binMicros();
        for (int peer = syncing.nextSetBit(0); peer >= 0; peer = syncing.nextSetBit(peer + 1)) endSync(peer, end);
        for (int peer = 0; peer < routing.peerCount(); peer++) {
            if (routing.isStale(peer) || routing.rib(peer).size() == 0) continue;
            if (peer < lastSeen.length && lastSeen[peer] + config.holdMicros() < end) {
                routing.stale(peer, true);
                listener.feedEvent(new FeedEvent(instant(end), routing.peerKey(peer), FeedEvent.Kind.STALE, routing.rib(peer).size(), ""));
            }
        }
        routing.recomputeFullFeed(config.fullFeed());
        long[] ff = concat(routing.fullFeedMask(false), routing.fullFeedMask(true));
        if (!Arrays.equals(ff, lastFullFeed)) {
            index.markAllDirty();
            lastFullFeed = ff;
        }
        long[] live = new long[(routing.peerCount() + 63) / 64 + 1];
        for (int peer = 0; peer < routing.peerCount(); peer++) if (!routing.isStale(peer)) live[peer >>> 6] |= 1L << peer;
        // peers going stale or coming back change every prefix's carriers; retirement is a matter of time: recheck hourly
        if (visibility.active(live) || ++binsSinceFullCheck >= Math.max(1, 3_600_000_000L / config.binMicros())) {
            index.markAllDirty();
            binsSinceFullCheck = 0;
        }
        calculator.clock(end, config.recentLossMicros());
        Instant time = instant(binStart);
        int fullFeed = routing.fullFeedCount();
        int[] emit = emissionOrder();
        if (index.size() > cache.length) cache = Arrays.copyOf(cache, Math.max(index.size(), cache.length * 2));
        // the bin's state is frozen from here to the signals: the changed entities' states are computed
        // first, over the calculator's threads, then emitted in order as before
        if (stale.length < emit.length) stale = new int[emit.length];
        int changed = 0;
        for (int e : emit) {
            if (cache[e] == null || index.isDirty(e)) {
                stale[changed++] = e;
                index.clean(e);
            }
        }
        calculator.computeAll(stale, changed, cache);
        for (int e : emit) {
            SignalCalculator.State s = cache[e];
            long[] counts = index.takeCounts(e);
            int members = index.members(e).size();
            listener.signal(new Signal(time, index.get(e).toString(), s.visibleSlash24(), s.visiblePrefixes(),
                    s.peersSeeing(), fullFeed, counts[0], counts[1], s.upstreams(), visibility.basis(),
                    members == 0 ? 0 : (double) s.knownPrefixes() / members, s.knownPrefixes(), s.lostPrefixes(),
                    s.recentLost(), s.recentLostSlash24(), s.agreeing(), s.carrying(), s.recentCovered()));
        }
        listener.binClosed(binStart, end, this);
        // a safe point: no path id is held across it but by the caches told here
        if (routing.collectAgedPaths() > 0) forgetPathIds();
    }

    /** Freed path ids may name other paths from now on: drop the identity cache. */
    private void forgetPathIds() {
        Arrays.fill(pathKeys, null);
        lastAsPath = null;
        lastPathId = -1;
    }

    private int binsSinceFullCheck;
    private int[] order = new int[0];
    /** Scratch of closeBin: the entities whose state must be recomputed this bin. */
    private int[] stale = new int[0];

    /** Fixed watch entities first, in the order given, then every other entity sorted. */
    private int[] emissionOrder() {
        int fixed = watch.entities().size();
        int n = index.size();
        if (order.length == n) return order; // entities only ever join
        order = sortedOrder(fixed, n);
        return order;
    }

    private int[] sortedOrder(int fixed, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(out, fixed, n, (a, b) -> index.get(a).compareTo(index.get(b)));
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    // ---- RoutingView

    @Override
    public RoutingState routing() {
        return routing;
    }

    @Override
    public EntityIndex entities() {
        return index;
    }

    @Override
    public EntityMaps maps() {
        return maps;
    }

    @Override
    public long[] originsOf(Prefix prefix) {
        int p = routing.prefixes().find(prefix);
        if (p < 0) return new long[0];
        LongLinkedOpenHashSet out = new LongLinkedOpenHashSet();
        for (int peer = 0; peer < routing.peerCount(); peer++) {
            int path = routing.rib(peer).get(p);
            if (path == PeerRib.NONE) continue;
            for (long o : routing.paths().origins(path)) out.add(o);
        }
        long[] r = out.toLongArray();
        Arrays.sort(r);
        return r;
    }

    @Override
    public int peersSeeing(Prefix prefix) {
        int p = routing.prefixes().find(prefix);
        return p < 0 ? 0 : routing.peerBits().count(p, prefix.v6() ? routing.fullFeedMask(true) : routing.fullFeedMask(false));
    }

    @Override
    public int fullFeedPeers() {
        return routing.fullFeedCount();
    }

    /** Per-prefix visibility among carriers. */
    @Override
    public org.blackout.core.signal.PrefixVisibility visibility() {
        return visibility;
    }

    @Override
    public String basis() {
        return visibility.basis();
    }

    /** The entity's lost prefixes withdrawn since a time (for event extents), at the current bin's end. */
    @Override
    public java.util.List<Prefix> lostSince(Entity entity, long sinceMicros, int cap) {
        int id = index.find(entity);
        if (id < 0) return java.util.List.of();
        it.unimi.dsi.fastutil.ints.IntArrayList ids = new it.unimi.dsi.fastutil.ints.IntArrayList();
        long end = binStart + config.binMicros();
        calculator.compute(id, ids, Math.max(0, end - sinceMicros));
        java.util.List<Prefix> out = new ArrayList<>();
        for (int i = 0; i < ids.size() && out.size() < cap; i++) out.add(routing.prefixes().prefix(ids.getInt(i)));
        return out;
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * How many threads compute a closed bin's signals (default {@link SignalCalculator#DEFAULT_THREADS});
     * the signals do not depend on it.
     */
    public Engine signalThreads(int n) {
        calculator.threads(n);
        return this;
    }

    /** Bins whose signals were computed on more than one thread so far. */
    public long parallelSignalBins() {
        return calculator.parallelBins();
    }
}
