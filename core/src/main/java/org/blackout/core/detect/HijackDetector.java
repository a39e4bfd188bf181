package org.blackout.core.detect;

import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * Hijacks of explicitly watched ASes and prefixes: after the warm-up, a route to one of their
 * prefixes (MOAS) or to a more-specific of one (more-specific) whose origin is not expected, seen
 * by at least {@code hijackMinPeers} full-feed peers at a bin's end. Expected origins: the watched
 * AS itself; for a watched prefix, every origin seen inside it during the warm-up. The event ends
 * when no full-feed peer carries the route any more.
 */
final class HijackDetector {
    private final DetectorConfig config;
    private final EventSink sink;
    private final long warmupMicros;
    /** Watched AS → its entity name; its prefixes (learned whenever it originates one) in {@link #owned}. */
    private final Map<Long, String> ases = new HashMap<>();
    private final Map<Prefix, LongLinkedOpenHashSet> owned = new HashMap<>();
    /** Watched blocks and the origins seen inside them during the warm-up. */
    private final Map<Prefix, LongLinkedOpenHashSet> blocks = new LinkedHashMap<>();
    private final Map<Prefix, Boolean> knownInBlock = new HashMap<>();
    private final Map<String, Candidate> candidates = new LinkedHashMap<>();
    private long firstMicros = Long.MIN_VALUE;
    /** Origins each watched prefix and more-specific had when the warm-up ended: legitimate MOAS and customers' routes. */
    private final Map<Prefix, LongLinkedOpenHashSet> known = new HashMap<>();
    private boolean sealed;

    private static final class Candidate {
        final String entity;
        final Prefix prefix;
        final long origin;
        final Hint kind;
        final Instant first;
        final List<Evidence> evidence = new ArrayList<>();
        final LongLinkedOpenHashSet expected;
        OpenEvent event;

        Candidate(String entity, Prefix prefix, long origin, Hint kind, Instant first, LongLinkedOpenHashSet expected) {
            this.entity = entity;
            this.prefix = prefix;
            this.origin = origin;
            this.kind = kind;
            this.first = first;
            this.expected = expected;
        }
    }

    HijackDetector(DetectorConfig config, List<Entity> watched, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.warmupMicros = config.warmup().toNanos() / 1000;
        for (Entity e : watched) {
            switch (e) {
                case Entity.As a -> ases.put(a.asn(), e.toString());
                case Entity.Block b -> blocks.put(b.prefix(), new LongLinkedOpenHashSet());
                case Entity.Country c -> {} // countries: outages and upstreams, not hijacks
            }
        }
    }

    boolean active() {
        return !ases.isEmpty() || !blocks.isEmpty();
    }

    void element(String collector, RouteElement e, RoutingView view) {
        if (firstMicros == Long.MIN_VALUE) firstMicros = e.timeMicros();
        if (e.type() != ElementType.ANNOUNCE && e.type() != ElementType.RIB) return;
        if (e.attributes() == null || e.attributes().treatAsWithdraw()) return;
        AsPath path = e.attributes().asPath();
        if (path == null) return;
        long[] origins = path.origins();
        if (origins.length == 0) return;
        Prefix p = e.prefix();
        boolean warm = e.timeMicros() - firstMicros >= warmupMicros;
        for (long o : origins) {
            if (ases.containsKey(o)) owned.computeIfAbsent(p, k -> new LongLinkedOpenHashSet()).add(o);
        }
        for (Map.Entry<Prefix, LongLinkedOpenHashSet> b : blocks.entrySet()) {
            if (!b.getKey().covers(p)) continue;
            if (!warm) {
                for (long o : origins) b.getValue().add(o);
                knownInBlock.put(p, Boolean.TRUE);
            } else if (!anyIn(origins, b.getValue())) {
                Hint kind = knownInBlock.containsKey(p) ? Hint.MOAS : Hint.MORE_SPECIFIC;
                for (long o : origins) candidate("prefix:" + b.getKey(), p, o, kind, collector, e, b.getValue());
            }
        }
        if (!warm || ases.isEmpty()) return;
        if (!sealed) seal(view);
        LongLinkedOpenHashSet before = known.get(p);
        if (before != null && allIn(origins, before)) return;
        for (int len = p.length(); len >= 0; len--) {
            Prefix q = new Prefix(p.v6(), p.hi(), p.lo(), len);
            LongLinkedOpenHashSet by = owned.get(q);
            if (by == null) continue;
            for (long asn : by) {
                if (contains(origins, asn)) continue;
                LongLinkedOpenHashSet expected = new LongLinkedOpenHashSet(new long[] {asn});
                for (long o : origins) candidate(ases.get(asn), p, o, len == p.length() ? Hint.MOAS : Hint.MORE_SPECIFIC, collector, e, expected);
            }
        }
    }

    /** At the end of the warm-up: what every watched prefix and its more-specifics look like now is normal. */
    private void seal(RoutingView view) {
        sealed = true;
        RoutingState r = view.routing();
        for (int id = 0; id < r.prefixes().size(); id++) {
            Prefix q = r.prefixes().prefix(id);
            if (coveredByOwned(q)) {
                long[] o = view.originsOf(q);
                if (o.length > 0) known.put(q, new LongLinkedOpenHashSet(o));
            }
        }
    }

    private boolean coveredByOwned(Prefix p) {
        for (int len = p.length(); len >= 0; len--) {
            if (owned.containsKey(new Prefix(p.v6(), p.hi(), p.lo(), len))) return true;
        }
        return false;
    }

    private static boolean allIn(long[] a, LongLinkedOpenHashSet s) {
        for (long x : a) if (!s.contains(x)) return false;
        return true;
    }

    private void candidate(String entity, Prefix p, long origin, Hint kind, String collector, RouteElement e, LongLinkedOpenHashSet expected) {
        String key = entity + "|" + p + "|" + origin;
        Candidate c = candidates.computeIfAbsent(key, k -> new Candidate(entity, p, origin, kind, Bin.instant(e.timeMicros()), expected));
        if (c.evidence.size() < config.evidence()) c.evidence.add(EvidenceRing.of(collector, e));
    }

    void binClosed(Bin bin) {
        if (candidates.isEmpty()) return;
        RoutingState r = bin.view().routing();
        for (Iterator<Candidate> it = candidates.values().iterator(); it.hasNext(); ) {
            Candidate c = it.next();
            int seen = peersWithOrigin(r, c.prefix, c.origin);
            if (c.event == null) {
                if (seen >= Math.max(1, config.hijackMinPeers())) raise(c, seen, r, bin);
                else if (seen == 0) it.remove();
                continue;
            }
            c.event.seenUntil = bin.end();
            if (seen == 0) {
                c.event.lowered = bin.start();
                c.event.seenUntil = c.event.lowered;
                sink.lowered(c.event.snapshot());
                it.remove();
            } else if (seen > c.event.extent.peersAgreeing()) {
                c.event.extent = extent(c, seen, r);
                c.event.hints.remove(Hint.ONE_PEER_ONLY);
                c.event.summary = summary(c, seen);
                sink.updated(c.event.snapshot());
            }
        }
    }

    private void raise(Candidate c, int seen, RoutingState r, Bin bin) {
        OpenEvent o = new OpenEvent(EventType.HIJACK, c.entity, c.first);
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = 1;
        o.hints.add(c.kind);
        if (seen == 1) o.hints.add(Hint.ONE_PEER_ONLY);
        o.extent = extent(c, seen, r);
        o.evidence = c.evidence;
        o.details.put("prefix", c.prefix.toString());
        o.details.put("origin", Long.toString(c.origin));
        o.details.put("expected_origins", c.expected.longStream().sorted().mapToObj(Long::toString).reduce((a, b) -> a + " " + b).orElse(""));
        o.details.put("kind", c.kind.json());
        o.summary = summary(c, seen);
        c.event = o;
        sink.raised(o.snapshot());
    }

    private static String summary(Candidate c, int seen) {
        return (c.kind == Hint.MOAS ? "" : "more-specific ") + c.prefix + " originated by AS" + c.origin + " (expected "
                + c.expected.longStream().sorted().mapToObj(a -> "AS" + a).reduce((a, b) -> a + ", " + b).orElse("none")
                + "), seen by " + seen + " peers";
    }

    private static Extent extent(Candidate c, int seen, RoutingState r) {
        double s24 = c.prefix.slash24s();
        return new Extent(1, s24, Math.round(s24 * 256), seen, r.fullFeedCount(c.prefix.v6()));
    }

    /** Full-feed peers whose route to exactly {@code p} has {@code origin} among its origins. */
    private static int peersWithOrigin(RoutingState r, Prefix p, long origin) {
        int id = r.prefixes().find(p);
        if (id < 0) return 0;
        long[] mask = r.fullFeedMask(p.v6());
        int n = 0;
        for (int peer = 0; peer < r.peerCount(); peer++) {
            if ((peer >>> 6) >= mask.length || (mask[peer >>> 6] & (1L << peer)) == 0) continue;
            int path = r.rib(peer).get(id);
            if (path != PeerRib.NONE && r.paths().originates(path, origin)) n++;
        }
        return n;
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) if (x == v) return true;
        return false;
    }

    private static boolean anyIn(long[] a, LongLinkedOpenHashSet s) {
        for (long x : a) if (s.contains(x)) return true;
        return false;
    }

    void finish(Instant end) {
        for (Candidate c : candidates.values()) {
            if (c.event == null) continue;
            c.event.seenUntil = end;
            sink.updated(c.event.snapshot());
        }
    }
}
