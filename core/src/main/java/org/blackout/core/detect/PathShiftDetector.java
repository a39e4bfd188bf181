package org.blackout.core.detect;

import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.rib.PathTable;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.EntityIndex;

/**
 * Route leaks without relationship data: the one signature that still counts (type {@code leak},
 * hint {@code path_shift}). A watched entity's routes at a peer suddenly cross an AS that carried
 * almost none of them before, for most of its space — "all of a country's routes via one foreign
 * network within minutes". Judged per peer, since a leak often reaches only some of them, and raised
 * when at least {@code leakMinPeers} peers show it; lowered when no peer does any more.
 *
 * <p>Only explicitly watched entities are followed: the check reads every route of the entity at
 * every peer each bin.
 */
final class PathShiftDetector {
    /** The new AS carries at least this share of the entity's routes at a peer ... */
    static final double SHIFTED = 0.5;
    /** ... after carrying less than this share of them before. */
    static final double BEFORE = 0.05;
    /** The shift is over when it carries less than this at every peer. */
    static final double OVER = 0.25;
    /** Routes of the entity a peer must have for its shares to mean anything. */
    static final int MIN_ROUTES = 10;
    /** Bins of history (per entity and peer) before a shift is judged. */
    static final int WARM_BINS = 6;
    /** Weight of the newest bin in the moving average of shares. */
    static final double ALPHA = 0.1;

    private final DetectorConfig config;
    private final EventSink sink;
    private final List<Entity> watched = new ArrayList<>();
    /** entity → peer → (AS → average share), and bins seen. */
    private final Map<String, Long2ObjectOpenHashMap<Long2DoubleOpenHashMap>> baseline = new LinkedHashMap<>();
    private final Map<String, Long2IntOpenHashMap> binsSeen = new LinkedHashMap<>();
    private final Map<String, OpenEvent> open = new LinkedHashMap<>();

    PathShiftDetector(DetectorConfig config, List<Entity> watched, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.watched.addAll(watched);
    }

    boolean active() {
        return !watched.isEmpty();
    }

    void binClosed(Bin bin) {
        RoutingState r = bin.view().routing();
        EntityIndex index = bin.view().entities();
        PathTable paths = r.paths();
        for (Entity entity : watched) {
            int id = index.find(entity);
            if (id < 0) continue;
            EntityIndex.Members m = index.members(id);
            String name = entity.toString();
            Long2ObjectOpenHashMap<Long2DoubleOpenHashMap> base = baseline.computeIfAbsent(name, k -> new Long2ObjectOpenHashMap<>());
            Long2IntOpenHashMap seen = binsSeen.computeIfAbsent(name, k -> new Long2IntOpenHashMap());
            // AS → peers where it now carries most of the entity's routes, having carried almost none
            Long2ObjectOpenHashMap<List<double[]>> shifted = new Long2ObjectOpenHashMap<>();
            Long2IntOpenHashMap still = new Long2IntOpenHashMap();
            for (int peer = 0; peer < r.peerCount(); peer++) {
                if (r.isStale(peer)) continue;
                PeerRib rib = r.rib(peer);
                Long2IntOpenHashMap counts = new Long2IntOpenHashMap();
                int total = 0;
                for (int i = 0; i < m.size(); i++) {
                    int path = rib.get(m.prefix(i));
                    if (path == PeerRib.NONE) continue;
                    total++;
                    // transit ASes only: not the peer itself (first hop), not the origin (last)
                    int n = paths.hopCount(path);
                    long prev = -1;
                    for (int h = 1; h < n - 1; h++) {
                        long a = paths.hop(path, h);
                        if (a != prev && a != paths.hop(path, n - 1)) counts.addTo(a, 1);
                        prev = a;
                    }
                }
                if (total < MIN_ROUTES) continue;
                Long2DoubleOpenHashMap avg = base.computeIfAbsent(peer, k -> new Long2DoubleOpenHashMap());
                int bins = seen.addTo(peer, 1) + 1;
                for (var e : counts.long2IntEntrySet()) {
                    double share = (double) e.getIntValue() / total;
                    if (share >= OVER) still.addTo(e.getLongKey(), 1);
                    if (bins > WARM_BINS && share >= SHIFTED && avg.get(e.getLongKey()) < BEFORE) {
                        shifted.computeIfAbsent(e.getLongKey(), k -> new ArrayList<>()).add(new double[] {peer, avg.get(e.getLongKey()), share});
                    }
                }
                // the moving average learns the new normal, except while a shift through the AS is open
                for (var e : counts.long2IntEntrySet()) {
                    if (open.containsKey(key(name, e.getLongKey()))) continue;
                    double share = (double) e.getIntValue() / total;
                    avg.put(e.getLongKey(), avg.get(e.getLongKey()) * (1 - ALPHA) + share * ALPHA);
                }
                for (var it = avg.long2DoubleEntrySet().fastIterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (!counts.containsKey(e.getLongKey())) e.setValue(e.getDoubleValue() * (1 - ALPHA));
                }
            }
            for (var e : shifted.long2ObjectEntrySet()) {
                String k = key(name, e.getLongKey());
                if (open.containsKey(k) || e.getValue().size() < Math.max(1, config.leakMinPeers())) continue;
                raise(name, e.getLongKey(), e.getValue(), m.size(), bin);
            }
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().startsWith(name + "|")) continue;
                OpenEvent o = e.getValue();
                o.seenUntil = bin.end();
                long asn = Long.parseLong(o.details.get("leaker"));
                if (still.get(asn) == 0) {
                    o.lowered = bin.start();
                    o.seenUntil = o.lowered;
                    sink.lowered(o.snapshot());
                    it.remove();
                }
            }
        }
    }

    private static String key(String entity, long asn) {
        return entity + "|" + asn;
    }

    private void raise(String entity, long asn, List<double[]> peers, int prefixes, Bin bin) {
        OpenEvent o = new OpenEvent(EventType.LEAK, "as:" + asn, bin.start());
        o.idSuffix = "/" + entity;
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = 1;
        double before = 0, after = 0;
        for (double[] p : peers) {
            before = Math.max(before, p[1]);
            after = Math.max(after, p[2]);
        }
        o.details.put("hint", "path_shift");
        o.details.put("leaker", Long.toString(asn));
        o.details.put("watched", entity);
        o.details.put("share_before", OutageDetector.fmt(Math.round(before * 1000) / 1000.0));
        o.details.put("share_after", OutageDetector.fmt(Math.round(after * 1000) / 1000.0));
        o.extent = new Extent(prefixes, 0, 0, peers.size(), 0, prefixes, peers.size(), List.of());
        o.score = Math.round(Math.min(200, 100 * after * Math.min(3, peers.size()) / 1.5) * 10) / 10.0;
        o.summary = String.format(java.util.Locale.ROOT, "routes of %s at %d peers suddenly cross AS%d (%.0f%% → %.0f%% of paths): "
                + "a leak through AS%d (path shift)", entity, peers.size(), asn, before * 100, after * 100, asn);
        open.put(key(entity, asn), o);
        sink.raised(o.snapshot());
    }

    void finish(Instant end) {
        for (OpenEvent o : open.values()) {
            o.seenUntil = end;
            sink.updated(o.snapshot());
        }
    }
}
