package org.blackout.core.detect;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Extent;
import org.blackout.core.rib.PeerKey;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * Route leaks (RFC 7908) from AS relationships: a route whose path has a valley — an AS that got
 * it from a provider or peer and passed it to a provider or peer. One incident per leaker and AS
 * it leaked to, raised when routes to at least {@code leakMinPrefixes} prefixes seen by at least
 * {@code leakMinPeers} peers currently cross it, lowered when none does.
 *
 * <p>Every announcement is checked (a leak crosses whatever it crosses, watched or not); the
 * check is a few hash look-ups per hop and only runs when relationships are loaded.
 */
final class LeakDetector {
    private final DetectorConfig config;
    private final EventSink sink;
    private final OriginPolicy policy;
    /** (peer id, prefix) → the incident its current route leaks through. */
    private final Long2ObjectOpenHashMap<Incident> leaked = new Long2ObjectOpenHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    /** A peer's route to a prefix, packed: peer number and the engine's prefix id. */
    private static long route(int peer, int prefixId) {
        return ((long) peer << 32) | (prefixId & 0xffffffffL);
    }

    private static final class Incident {
        final OriginPolicy.Valley valley;
        final long first;
        long last;
        /** Routes crossing it now, per peer; all prefixes and origins ever seen. */
        final it.unimi.dsi.fastutil.longs.LongOpenHashSet routes = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
        final java.util.Set<Prefix> prefixes = new java.util.HashSet<>();
        final LongOpenHashSet origins = new LongOpenHashSet();
        final List<Evidence> evidence = new ArrayList<>();
        OpenEvent event;

        Incident(OriginPolicy.Valley valley, long first) {
            this.valley = valley;
            this.first = first;
            this.last = first;
        }

        int peers() {
            java.util.Set<Integer> p = new java.util.HashSet<>();
            for (long r : routes) p.add((int) (r >>> 32));
            return p.size();
        }

        int currentPrefixes() {
            it.unimi.dsi.fastutil.ints.IntOpenHashSet p = new it.unimi.dsi.fastutil.ints.IntOpenHashSet();
            for (long r : routes) p.add((int) r);
            return p.size();
        }
    }

    LeakDetector(DetectorConfig config, OriginPolicy policy, EventSink sink) {
        this.config = config;
        this.policy = policy;
        this.sink = sink;
    }

    boolean active() {
        return policy.hasRelationships();
    }

    void element(String collector, RouteElement e, RoutingView view) {
        if (e.type() == ElementType.STATE) return;
        boolean withdraw = e.type() == ElementType.WITHDRAW || e.attributes() == null || e.attributes().treatAsWithdraw();
        AsPath path = withdraw ? null : e.attributes().asPath();
        OriginPolicy.Valley v = path == null ? null : valley(path);
        if (v == null && leaked.isEmpty()) return;
        int prefixId = view.routing().prefixes().find(e.prefix());
        if (prefixId < 0) return;
        long route = route(view.peerOf(collector, e), prefixId);
        Incident was = leaked.get(route);
        if (was != null && (v == null || !v.equals(was.valley))) {
            leaked.remove(route);
            was.routes.remove(route);
            was.last = e.timeMicros();
        }
        if (v == null) return;
        String key = v.leaker() + ">" + v.leakedTo();
        Incident inc = incidents.computeIfAbsent(key, k -> new Incident(v, e.timeMicros()));
        inc.routes.add(route);
        inc.last = e.timeMicros();
        if (inc.prefixes.size() < 1_000_000) inc.prefixes.add(e.prefix());
        for (long o : path.origins()) inc.origins.add(o);
        if (inc.evidence.size() < config.evidence()) inc.evidence.add(EvidenceRing.of(collector, e));
        leaked.put(route, inc);
    }

    private AsPath lastPath;
    private OriginPolicy.Valley lastValley;

    /** Elements of one update share their path: one check per update. */
    private OriginPolicy.Valley valley(AsPath path) {
        if (path != lastPath) {
            lastPath = path;
            lastValley = policy.valley(collapse(path.sequence()));
        }
        return lastValley;
    }

    /** The path with prepending collapsed (AS_SETs are left out by {@link AsPath#sequence()}). */
    static long[] collapse(long[] hops) {
        int n = 0;
        long[] out = new long[hops.length];
        for (long h : hops) if (n == 0 || out[n - 1] != h) out[n++] = h;
        return n == hops.length ? out : java.util.Arrays.copyOf(out, n);
    }

    void binClosed(Bin bin) {
        for (var it = incidents.values().iterator(); it.hasNext(); ) {
            Incident inc = it.next();
            int prefixes = inc.currentPrefixes(), peers = inc.peers();
            if (inc.event == null) {
                if (inc.routes.isEmpty()) {
                    it.remove();
                } else if (prefixes >= config.leakMinPrefixes() && peers >= config.leakMinPeers()) {
                    raise(inc, prefixes, peers, bin);
                }
                continue;
            }
            inc.event.seenUntil = bin.end();
            if (inc.routes.isEmpty()) {
                inc.event.lowered = Bin.instant(Math.min(inc.last, bin.endMicros()));
                inc.event.seenUntil = inc.event.lowered;
                sink.lowered(inc.event.snapshot());
                it.remove();
            } else if (prefixes > inc.event.extent.prefixes() * 1.5) {
                inc.event.extent = extent(inc, prefixes, peers);
                inc.event.summary = summary(inc, prefixes, peers);
                sink.updated(inc.event.snapshot());
            }
        }
    }

    private void raise(Incident inc, int prefixes, int peers, Bin bin) {
        OriginPolicy.Valley v = inc.valley;
        OpenEvent o = new OpenEvent(EventType.LEAK, "as:" + v.leaker(), Bin.instant(inc.first));
        o.idSuffix = "/" + v.leakedTo();
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = 1;
        o.extent = extent(inc, prefixes, peers);
        o.evidence = inc.evidence;
        o.details.put("leaker", Long.toString(v.leaker()));
        o.details.put("leaked_to", Long.toString(v.leakedTo()));
        o.details.put("learned_from", Long.toString(v.learnedFrom()));
        o.details.put("origins", Integer.toString(inc.origins.size()));
        o.details.put("hint", "valley");
        o.score = Math.round(Math.min(200, 20 * Math.log10(1 + prefixes) * Math.min(3, peers)) * 10) / 10.0;
        o.summary = summary(inc, prefixes, peers);
        inc.event = o;
        sink.raised(o.snapshot());
    }

    private static Extent extent(Incident inc, int prefixes, int peers) {
        return new Extent(prefixes, 0, 0, peers, 0, inc.prefixes.size(), peers,
                inc.prefixes.stream().limit(20).map(Prefix::toString).toList());
    }

    private static String summary(Incident inc, int prefixes, int peers) {
        OriginPolicy.Valley v = inc.valley;
        return "AS" + v.leaker() + " leaked routes learnt from AS" + v.learnedFrom() + " to AS" + v.leakedTo() + ": "
                + prefixes + " prefixes of " + inc.origins.size() + " origins, seen by " + peers + " peers";
    }

    void finish(Instant end) {
        for (Incident inc : incidents.values()) {
            if (inc.event == null) continue;
            inc.event.seenUntil = end;
            sink.updated(inc.event.snapshot());
        }
    }
}
