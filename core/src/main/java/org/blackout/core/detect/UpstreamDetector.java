package org.blackout.core.detect;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import java.util.List;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;

/**
 * Upstream changes, read only while the entity is visible as usual (an outage takes every
 * upstream with it; that is the outage's story): an established upstream (share ≥
 * {@code upstreamMinShare}) gone for {@code upstreamConfirmBins} bins is lost until it returns; a
 * new one present that long is gained. A watched entity or a country reached through a single
 * upstream is flagged once (North Korea through AS4837), until a second upstream appears.
 */
final class UpstreamDetector {
    private final DetectorConfig config;
    private final EventSink sink;
    private final long warmupBins;

    UpstreamDetector(DetectorConfig config, long warmupBins, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.warmupBins = warmupBins;
    }

    void step(EntityState st, Signal s, Bin bin) {
        if (st.outage != null || st.downBins > 0 || st.outageThisBin || s.visibleSlash24() <= 0) return;
        // shares of paths need whole tables: from a handful of tables rebuilt from updates they are noise
        // (on the shared route-views2 days, 1-3 such tables gave 300 upstream events a day)
        if (s.fullFeedPeers() < config.upstreamMinPeers()) return;
        if (!Double.isNaN(st.visibleBaseline) && s.visibleSlash24() < config.outageLower() * st.visibleBaseline) return;
        // hysteresis: established at upstreamMinShare, lost only below a quarter of it, so an upstream
        // wavering around the threshold (routine on real days) is no change
        LongLinkedOpenHashSet now = new LongLinkedOpenHashSet();
        LongLinkedOpenHashSet present = new LongLinkedOpenHashSet();
        LongLinkedOpenHashSet strong = new LongLinkedOpenHashSet();
        for (Upstream u : s.upstreams()) {
            if (u.share() >= config.upstreamMinShare()) now.add(u.asn());
            if (u.share() >= config.upstreamMinShare() / 4) present.add(u.asn());
            if (u.share() >= config.upstreamMinShare() * 1.5) strong.add(u.asn());
        }
        if (st.bins <= warmupBins || st.established == null) {
            if (st.bins > warmupBins || st.established == null) st.established = now;
            else st.established.addAll(now);
            return;
        }
        // lost
        for (long a : new LongArrayList(st.established)) {
            if (present.contains(a)) {
                st.missing.remove(a);
                OpenEvent o = st.lost.remove(a);
                if (o != null) {
                    o.lowered = bin.start();
                    o.seenUntil = o.lowered;
                    o.summary = "upstream AS" + a + " carries it again";
                    sink.lowered(o.snapshot());
                }
                continue;
            }
            int n = st.missing.addTo(a, 1) + 1;
            if (n == config.upstreamConfirmBins() && !st.lost.containsKey(a)) {
                OpenEvent o = event(st, s, bin, a, Hint.UPSTREAM_LOST);
                o.summary = "lost upstream AS" + a + ", now through " + names(now);
                st.lost.put(a, o);
                st.lastUpstreamLost = o.raised;
                sink.raised(o.snapshot());
            }
        }
        // gained: a significant share, not one wavering near the threshold
        for (long a : strong) {
            if (st.established.contains(a)) continue;
            // a foreign origin inside the entity's space is the border only because it originates: a hijack, not an upstream
            if (originatesInside(bin.view(), st.entity, a)) continue;
            int n = st.fresh.addTo(a, 1) + 1;
            if (n < config.upstreamConfirmBins()) continue;
            st.fresh.remove(a);
            st.established.add(a);
            OpenEvent o = event(st, s, bin, a, Hint.UPSTREAM_GAINED);
            o.summary = "new upstream AS" + a + ", now through " + names(now);
            o.lowered = o.raised; // a gain is a moment, not a state
            sink.raised(o.snapshot());
            sink.lowered(o.snapshot());
        }
        for (long a : new LongArrayList(st.fresh.keySet())) if (!strong.contains(a)) st.fresh.remove(a);
        // an upstream gone for a whole history window is no longer established
        long historyBins = Math.max(1, config.history().toNanos() / 1000 / (bin.endMicros() - bin.startMicros()));
        for (long a : new LongArrayList(st.missing.keySet())) {
            if (st.missing.get(a) < historyBins) continue;
            st.missing.remove(a);
            st.established.remove(a);
            OpenEvent o = st.lost.remove(a);
            if (o != null) {
                o.lowered = bin.end();
                o.seenUntil = o.lowered;
                sink.lowered(o.snapshot());
            }
        }
        singleUpstream(st, s, bin);
    }

    private void singleUpstream(EntityState st, Signal s, Bin bin) {
        // an informational flag: for explicitly watched entities only, not for every country seen
        if (!st.watched) return;
        boolean single = st.established.size() == 1 && s.upstreams().size() == 1 && s.upstreams().get(0).share() >= 0.99;
        if (single && st.singleUpstream == null) {
            long a = s.upstreams().get(0).asn();
            OpenEvent o = event(st, s, bin, a, Hint.SINGLE_UPSTREAM);
            o.summary = "reached only through AS" + a;
            st.singleUpstream = o;
            sink.raised(o.snapshot());
        } else if (!single && st.singleUpstream != null && st.established.size() > 1) {
            OpenEvent o = st.singleUpstream;
            o.lowered = bin.start();
            o.seenUntil = o.lowered;
            o.summary = "no longer single-homed: " + names(st.established);
            st.singleUpstream = null;
            sink.lowered(o.snapshot());
        } else if (st.singleUpstream != null) {
            st.singleUpstream.seenUntil = bin.end();
        }
    }

    /** Whether some peer's route to one of the entity's prefixes has {@code asn} as its origin. */
    static boolean originatesInside(RoutingView view, String entity, long asn) {
        EntityIndex index = view.entities();
        int id = index.find(Entity.parse(entity));
        if (id < 0) return false;
        RoutingState r = view.routing();
        EntityIndex.Members m = index.members(id);
        for (int i = 0; i < m.size(); i++) {
            int p = m.prefix(i);
            for (int peer = 0; peer < r.peerCount(); peer++) {
                int path = r.rib(peer).get(p);
                if (path != PeerRib.NONE && r.paths().originates(path, asn)) return true;
            }
        }
        return false;
    }

    private OpenEvent event(EntityState st, Signal s, Bin bin, long asn, Hint hint) {
        long confirm = hint == Hint.SINGLE_UPSTREAM ? 0 : (config.upstreamConfirmBins() - 1) * (bin.endMicros() - bin.startMicros());
        OpenEvent o = new OpenEvent(EventType.UPSTREAM, st.entity, Bin.instant(bin.startMicros() - confirm));
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = hint == Hint.SINGLE_UPSTREAM ? 0 : 1;
        o.hints.add(hint);
        o.before = List.copyOf(st.established);
        for (Upstream u : s.upstreams()) o.during.add(u.asn());
        o.details.put("asn", Long.toString(asn));
        o.extent = new Extent(s.visiblePrefixes(), s.visibleSlash24(), Math.round(s.visibleSlash24() * 256), s.peersSeeing(), s.fullFeedPeers());
        o.evidence = st.evidence == null ? List.of() : st.evidence.snapshot();
        return o;
    }

    private static String names(java.util.Collection<Long> asns) {
        return asns.isEmpty() ? "none" : asns.stream().limit(5).map(a -> "AS" + a).toList().toString();
    }
}
