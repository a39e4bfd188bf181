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
 * Hijacks: a route to a monitored prefix, or to a more-specific of one, whose origin is not
 * expected. Raised at the end of the first bin in which at least {@code hijackMinPeers} peers —
 * any peers, full-feed or not: update files alone make only a handful of peers full-feed — carry
 * it; lowered when no peer carries it any more.
 *
 * <p>Expected origins of a prefix, in order of authority: the operator's list and covering ROAs
 * ({@link OriginPolicy}); a watched AS for its own prefixes; and the history: origins seen for the
 * prefix or a covering prefix for at least {@code hijackLearn} before. An announcement by an
 * expected origin is never a hijack (the victim's own more-specifics, announced to win traffic
 * back, are not blamed), nor is a route whose path crosses an expected origin (its customer's).
 * An origin under suspicion is not learnt while it is.
 *
 * <p>Monitored: prefixes of watched ASes (as learnt from the data, the list and the ROAs),
 * watched blocks, the list's prefixes, and in global mode every prefix with an origin history.
 */
final class HijackDetector {
    private final DetectorConfig config;
    private final EventSink sink;
    private final OriginPolicy policy;
    private final boolean global;
    private final long learnMicros;
    private final Map<Long, String> ases = new HashMap<>();
    private final Map<Prefix, String> blocks = new LinkedHashMap<>();
    /** Origins seen per prefix with the time each was first seen. */
    private final it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<Origins> history4 =
            new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();
    private final Map<Prefix, Origins> history6 = new HashMap<>();
    /** Prefix lengths present in the history and {@link #blocks}, per family: covering lookups skip the others. */
    private final long[] lengths = new long[4];
    private final Map<Prefix, List<Candidate>> candidates = new LinkedHashMap<>();
    /** AS adjacencies seen in any path (both orders packed): neighbours are customers, providers or peers. */
    private final it.unimi.dsi.fastutil.longs.LongOpenHashSet links = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
    private AsPath lastLinked;
    private long[] lastHops, lastOrigins;
    private long firstMicros = Long.MIN_VALUE;

    /** A few origins with their first-seen times: most prefixes have one. */
    private static final class Origins {
        long[] asn = new long[1];
        long[] first = new long[1];
        int n;

        void add(long a, long t) {
            for (int i = 0; i < n; i++) if (asn[i] == a) return;
            if (n == asn.length) {
                asn = java.util.Arrays.copyOf(asn, n * 2);
                first = java.util.Arrays.copyOf(first, n * 2);
            }
            asn[n] = a;
            first[n++] = t;
        }
    }

    private static final class Candidate {
        final String entity;
        final Prefix prefix;
        final long origin;
        final Hint kind;
        final Instant first;
        final long[] expected;
        /** Expected origins came from the routing data alone (no operator list, no ROA). */
        final boolean fromData;
        final List<Evidence> evidence = new ArrayList<>();
        long lastTouch;
        OpenEvent event;

        Candidate(String entity, Prefix prefix, long origin, Hint kind, long first, long[] expected, boolean fromData) {
            this.fromData = fromData;
            this.entity = entity;
            this.prefix = prefix;
            this.origin = origin;
            this.kind = kind;
            this.first = Bin.instant(first);
            this.lastTouch = first;
            this.expected = expected;
        }
    }

    HijackDetector(DetectorConfig config, List<Entity> watched, boolean global, OriginPolicy policy, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.policy = policy;
        this.global = global;
        this.learnMicros = config.hijackLearn().toNanos() / 1000;
        for (Entity e : watched) {
            switch (e) {
                case Entity.As a -> ases.put(a.asn(), e.toString());
                case Entity.Block b -> block(b.prefix(), e.toString());
                case Entity.Country c -> {} // countries: outages and upstreams, not hijacks
            }
        }
        for (Map.Entry<Prefix, long[]> l : policy.listed().entrySet()) block(l.getKey(), "prefix:" + l.getKey());
    }

    private void block(Prefix p, String entity) {
        blocks.putIfAbsent(p, entity);
        markLength(p);
    }

    boolean active() {
        return global || !ases.isEmpty() || !blocks.isEmpty();
    }

    private void markLength(Prefix p) {
        int i = (p.v6() ? 2 : 0) + (p.length() >>> 6);
        if (p.length() == 128) i = 3;
        lengths[i] |= 1L << (p.length() & 63);
    }

    private boolean hasLength(boolean v6, int len) {
        int i = (v6 ? 2 : 0) + (len >>> 6);
        if (len == 128) i = 3;
        return (lengths[i] & (1L << (len & 63))) != 0;
    }

    void element(String collector, RouteElement e, RoutingView view) {
        ElementType type = e.type();
        if (type == ElementType.STATE) return;
        Prefix p = e.prefix();
        long t = e.timeMicros();
        if (firstMicros == Long.MIN_VALUE) firstMicros = t;
        List<Candidate> open = candidates.isEmpty() ? null : candidates.get(p);
        if (open != null) for (Candidate c : open) c.lastTouch = t;
        if (type == ElementType.WITHDRAW || e.attributes() == null || e.attributes().treatAsWithdraw()) return;
        AsPath path = e.attributes().asPath();
        if (path == null) return;
        if (path != lastLinked) {
            // elements of one update share their path: decode it and learn its links once
            lastLinked = path;
            lastHops = path.sequence();
            lastOrigins = path.origins();
            for (int i = 0; i + 1 < lastHops.length; i++) {
                if (lastHops[i] != lastHops[i + 1]) links.add(link(lastHops[i], lastHops[i + 1]));
            }
        }
        long[] origins = lastOrigins, hops = lastHops;
        if (origins.length == 0) return;
        if (policy.ignored(p)) return;

        // first pass, allocation-free: is an announced origin already established for p or a covering
        // prefix (the common case: nothing to suspect, only to learn)? is p in watched space at all?
        boolean relevant = global, expectedSeen = false, anyEstablished = false;
        int minLen = p.v6() ? 16 : 8;
        for (int len = p.length(); len >= minLen; len--) {
            if (!hasLength(p.v6(), len)) continue;
            if (!relevant && !blocks.isEmpty() && blocks.containsKey(len == p.length() ? p : cover(p, len))) relevant = true;
            Origins h = historyOf(p, len);
            if (h == null) continue;
            for (int i = 0; i < h.n; i++) {
                long a = h.asn[i];
                boolean owner = !ases.isEmpty() && ases.containsKey(a);
                if (owner) relevant = true;
                if (t - h.first[i] < learnMicros && !owner) continue; // not yet stable
                anyEstablished = true;
                for (long o : origins) if (o == a) expectedSeen = true;
            }
        }
        if (!relevant) {
            for (long o : origins) if (ases.containsKey(o)) relevant = true;
            if (!relevant) return;
        }
        boolean suspect = false;
        boolean learnt = t - firstMicros >= learnMicros;
        if (!expectedSeen && learnt && (anyEstablished || !policy.listed().isEmpty() || policy.authoritative(p))) {
            suspect = suspect(collector, e, p, t, origins, hops);
        }
        // learn origins: never the one under suspicion
        if (suspect) return;
        Origins h = historyOf(p, p.length());
        for (long o : origins) {
            if (isCandidate(p, o)) continue;
            if (h == null) {
                h = new Origins();
                if (p.v6()) history6.put(p, h);
                else history4.put(key4(p.hi(), p.length()), h);
                markLength(p);
            }
            h.add(o, t);
        }
    }

    /** The expected origins of p, from every source; raises a candidate when none of them announced it. */
    private boolean suspect(String collector, RouteElement e, Prefix p, long t, long[] origins, long[] hops) {
        LongLinkedOpenHashSet expected = null;
        String entity = null;
        boolean exactKnown = false;
        int minLen = p.v6() ? 16 : 8;
        for (int len = p.length(); len >= minLen; len--) {
            if (!hasLength(p.v6(), len)) continue;
            Prefix q = len == p.length() ? p : cover(p, len);
            String b = blocks.get(q);
            if (b != null && entity == null) entity = b;
            Origins h = historyOf(p, len);
            if (h == null) continue;
            for (int i = 0; i < h.n; i++) {
                long a = h.asn[i];
                String owner = ases.get(a);
                if (owner != null && entity == null) entity = owner;
                if (t - h.first[i] < learnMicros && owner == null) continue; // not yet stable
                if (expected == null) expected = new LongLinkedOpenHashSet();
                expected.add(a);
                if (len == p.length()) exactKnown = true;
                if (global && entity == null) entity = "prefix:" + q;
            }
        }
        long[] allowed = policy.allowed(p);
        boolean fromData = !policy.authoritative(p);
        if (allowed.length > 0) {
            if (expected == null) expected = new LongLinkedOpenHashSet();
            for (long a : allowed) expected.add(a);
        }
        boolean suspect = entity != null && expected != null && !expected.isEmpty() && !anyIn(origins, expected)
                && !crosses(hops, expected) && !neighbours(origins, expected);
        if (!suspect) return false;
        long[] exp = expected.toLongArray();
        java.util.Arrays.sort(exp);
        Hint kind = exactKnown ? Hint.MOAS : Hint.MORE_SPECIFIC;
        for (long o : origins) candidate(entity, p, o, kind, collector, e, exp, fromData);
        return true;
    }

    private static Prefix cover(Prefix p, int len) {
        return new Prefix(p.v6(), p.hi(), p.lo(), len);
    }

    /** IPv4 prefixes are keyed by their masked upper word and length: no object per look-up. */
    private static long key4(long hi, int len) {
        return (hi & Prefix.maskHi(len)) | len;
    }

    private Origins historyOf(Prefix p, int len) {
        if (!p.v6()) return history4.get(key4(p.hi(), len));
        return history6.get(len == p.length() ? p : cover(p, len));
    }

    private boolean isCandidate(Prefix p, long origin) {
        List<Candidate> l = candidates.isEmpty() ? null : candidates.get(p);
        if (l == null) return false;
        for (Candidate c : l) if (c.origin == origin) return true;
        return false;
    }

    private static long link(long a, long b) {
        return a < b ? (a << 32) | b : (b << 32) | a;
    }

    /**
     * An origin next to an expected one in some path, or related to it in the AS relationships, is
     * its customer, provider or peer: a customer's more-specific or a shared prefix, not a hijack.
     */
    private boolean neighbours(long[] origins, LongLinkedOpenHashSet expected) {
        for (long o : origins) {
            for (long a : expected) {
                if (links.contains(link(a, o))) return true;
                if (policy.hasRelationships() && policy.related(a, o)) return true;
            }
        }
        return false;
    }

    /** A path through an expected origin reaches p through its owner: a customer's route, not a hijack. */
    private static boolean crosses(long[] hops, LongLinkedOpenHashSet expected) {
        for (int i = 0; i < hops.length - 1; i++) if (expected.contains(hops[i])) return true;
        return false;
    }

    private void candidate(String entity, Prefix p, long origin, Hint kind, String collector, RouteElement e, long[] expected,
                           boolean fromData) {
        List<Candidate> l = candidates.computeIfAbsent(p, k -> new ArrayList<>(1));
        Candidate c = null;
        for (Candidate x : l) if (x.origin == origin) c = x;
        if (c == null) l.add(c = new Candidate(entity, p, origin, kind, e.timeMicros(), expected, fromData));
        if (c.evidence.size() < config.evidence()) c.evidence.add(EvidenceRing.of(collector, e));
    }

    void binClosed(Bin bin) {
        if (candidates.isEmpty()) return;
        RoutingState r = bin.view().routing();
        int total = activePeers(r);
        // update files show a long-standing route only at the peers where it changed: a customer's old
        // more-specific re-announced at a few peers looks like a hijack seen by a few. Against the data's
        // own history alone, a hijack must reach most peers, as a new route does within minutes.
        int dataNeeds = bin.view().basis().equals("updates") ? (int) Math.ceil(config.hijackMinShare() * total) : 0;
        for (Iterator<List<Candidate>> lists = candidates.values().iterator(); lists.hasNext(); ) {
            List<Candidate> l = lists.next();
            for (Iterator<Candidate> it = l.iterator(); it.hasNext(); ) {
                Candidate c = it.next();
                int seen = peersWithOrigin(r, c.prefix, c.origin);
                if (c.event == null) {
                    int need = Math.max(1, config.hijackMinPeers());
                    if (c.fromData) need = Math.max(need, dataNeeds);
                    if (seen >= need) raise(c, seen, total, bin);
                    else if (seen == 0) it.remove();
                    continue;
                }
                c.event.seenUntil = bin.end();
                if (seen == 0) {
                    // when the last route went: the last element seen for the prefix
                    c.event.lowered = Bin.instant(Math.min(c.lastTouch, bin.endMicros()));
                    c.event.seenUntil = c.event.lowered;
                    c.event.details.put("last_seen", c.event.lowered.toString());
                    sink.lowered(c.event.snapshot());
                    it.remove();
                } else if (seen > c.event.extent.peersAgreeing()) {
                    c.event.extent = extent(c, seen, total, r);
                    c.event.hints.remove(Hint.ONE_PEER_ONLY);
                    c.event.score = score(c, seen, total);
                    c.event.summary = summary(c, seen, total);
                    sink.updated(c.event.snapshot());
                }
            }
            if (l.isEmpty()) lists.remove();
        }
    }

    private void raise(Candidate c, int seen, int total, Bin bin) {
        OpenEvent o = new OpenEvent(EventType.HIJACK, c.entity, c.first);
        o.idSuffix = "/" + c.prefix + "/" + c.origin;
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = 1;
        o.hints.add(c.kind);
        if (seen == 1) o.hints.add(Hint.ONE_PEER_ONLY);
        o.extent = extent(c, seen, total, bin.view().routing());
        o.evidence = c.evidence;
        o.details.put("prefix", c.prefix.toString());
        o.details.put("origin", Long.toString(c.origin));
        o.details.put("expected_origins", join(c.expected));
        o.details.put("kind", c.kind.json());
        o.details.put("first_seen", c.first.toString());
        String rov = policy.rov(c.prefix, c.origin);
        if (rov != null) o.details.put("rpki", rov);
        o.score = score(c, seen, total);
        o.summary = summary(c, seen, total);
        c.event = o;
        sink.raised(o.snapshot());
    }

    /**
     * How suspicious, for ranking (as GRIP and Radar rank MOAS): the share of peers seeing it,
     * doubled when RPKI says invalid, raised when no relationship links the origins, when the
     * origin was never seen before and for a more-specific (it wins traffic everywhere).
     */
    private double score(Candidate c, int seen, int total) {
        double s = 100.0 * seen / Math.max(1, total);
        String rov = policy.rov(c.prefix, c.origin);
        if (rov != null && rov.startsWith("invalid")) s *= 2;
        if (rov != null && rov.equals("valid")) s *= 0.2;
        if (policy.hasRelationships()) {
            boolean related = false;
            for (long a : c.expected) related |= policy.related(a, c.origin);
            if (!related) s *= 1.5;
        }
        if (c.kind == Hint.MORE_SPECIFIC) s *= 1.2;
        return Math.round(s * 10) / 10.0;
    }

    private static String join(long[] a) {
        StringBuilder b = new StringBuilder();
        for (long x : a) b.append(b.isEmpty() ? "" : " ").append(x);
        return b.toString();
    }

    private String summary(Candidate c, int seen, int total) {
        String rov = policy.rov(c.prefix, c.origin);
        return (c.kind == Hint.MOAS ? "" : "more-specific ") + c.prefix + " originated by AS" + c.origin + " (expected "
                + java.util.Arrays.stream(c.expected).mapToObj(a -> "AS" + a).reduce((a, b) -> a + ", " + b).orElse("none")
                + "), seen by " + seen + " of " + total + " peers" + (rov == null ? "" : ", RPKI " + rov);
    }

    private static Extent extent(Candidate c, int seen, int total, RoutingState r) {
        double s24 = c.prefix.v6() ? 0 : c.prefix.slash24s();
        return new Extent(1, s24, Math.round(s24 * 256), seen, r.fullFeedCount(c.prefix.v6()), 1, total,
                List.of(c.prefix.toString()));
    }

    private static int activePeers(RoutingState r) {
        int n = 0;
        for (int peer = 0; peer < r.peerCount(); peer++) if (!r.isStale(peer) && r.rib(peer).size() > 0) n++;
        return n;
    }

    /** Peers, any table size, whose route to exactly {@code p} has {@code origin} among its origins. */
    private static int peersWithOrigin(RoutingState r, Prefix p, long origin) {
        int id = r.prefixes().find(p);
        if (id < 0) return 0;
        int n = 0;
        for (int peer = 0; peer < r.peerCount(); peer++) {
            if (r.isStale(peer)) continue;
            int path = r.rib(peer).get(id);
            if (path != PeerRib.NONE && r.paths().originates(path, origin)) n++;
        }
        return n;
    }

    private static boolean anyIn(long[] a, LongLinkedOpenHashSet s) {
        for (long x : a) if (s.contains(x)) return true;
        return false;
    }

    void finish(Instant end) {
        for (List<Candidate> l : candidates.values()) {
            for (Candidate c : l) {
                if (c.event == null) continue;
                c.event.seenUntil = end;
                sink.updated(c.event.snapshot());
            }
        }
    }
}
