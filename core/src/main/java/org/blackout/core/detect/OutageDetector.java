package org.blackout.core.detect;

import java.time.Instant;
import java.util.Locale;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventText;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Hint;
import org.blackout.core.rib.PeerBits;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;

/**
 * Outages: an entity's visible /24s below {@code outageRaise} × its moving-median baseline for
 * {@code outageConfirmBins} bins (at once when no full-feed peer sees any of it), with at least
 * {@code minAgreeingPeers} full-feed peers agreeing; it ends only when visibility is back at
 * {@code outageLower} × the baseline. Bins under a candidate or an open outage stay out of the
 * baseline.
 */
final class OutageDetector {
    /** The engine's default: space is visible when more than half of the full-feed peers see it. */
    private static final double VISIBLE_SHARE = 0.5;

    private final DetectorConfig config;
    private final EventSink sink;
    private final long warmupBins;

    OutageDetector(DetectorConfig config, long warmupBins, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.warmupBins = warmupBins;
    }

    void step(EntityState st, Signal s, Bin bin, Detectors all) {
        double v = s.visibleSlash24();
        double base = st.visibleBaseline;
        boolean warm = st.bins > warmupBins;
        if (st.outage == null) {
            boolean candidate = warm && base > 0 && v < config.outageRaise() * base;
            if (!candidate) {
                if (st.downBins > 0) st.downBins = 0;
                st.visible.add(v, false);
                st.lastNormal = s;
                if (!s.upstreams().isEmpty()) st.lastNormalUpstreams = s.upstreams();
                return;
            }
            st.visible.add(v, true);
            double depth = 1 - v / base;
            if (st.downBins++ == 0) {
                st.candidateEvidence = firstEvidence(st, bin);
                st.candidateBin = bin.start();
                st.candidateSeverity = 0;
                st.firstDownDepth = depth;
            }
            st.candidateSeverity += depth * bin.hours();
            boolean total = s.peersSeeing() == 0 && s.fullFeedPeers() > 0;
            if (st.downBins < config.outageConfirmBins() && !total) return;
            if (s.fullFeedPeers() < config.minAgreeingPeers()) return; // too few peers to tell
            Loss loss = loss(bin.view(), st.entity, s, base);
            if (loss.agreeing < config.minAgreeingPeers()) return;
            raise(st, s, bin, all, depth, loss);
        } else {
            OpenEvent o = st.outage;
            o.seenUntil = bin.end();
            if (v >= config.outageLower() * base) {
                st.visible.add(v, false);
                st.lastNormal = s;
                if (!s.upstreams().isEmpty()) st.lastNormalUpstreams = s.upstreams();
                o.lowered = recoveredAt(st, bin);
                o.summary = summary(st, o) + ", " + EventText.restored(o.snapshot());
                st.outage = null;
                st.downBins = 0;
                st.outageThisBin = true;
                st.lastOutageLowered = o.lowered;
                sink.lowered(o.snapshot());
                return;
            }
            st.visible.add(v, true);
            double depth = 1 - v / base;
            o.severity += depth * bin.hours();
            for (Upstream u : s.upstreams()) o.during.add(u.asn());
            if (depth > o.depth + 0.05) {
                Loss loss = loss(bin.view(), st.entity, s, base);
                o.depth = depth;
                o.extent = extent(st, s, base, loss);
                if (v > 0) o.hints.add(Hint.PARTIAL);
                else o.hints.remove(Hint.PARTIAL);
                o.evidence = st.evidence == null ? o.evidence : st.evidence.snapshot();
                o.summary = summary(st, o);
                sink.updated(o.snapshot());
            }
        }
    }

    private void raise(EntityState st, Signal s, Bin bin, Detectors all, double depth, Loss loss) {
        double base = st.visibleBaseline;
        OpenEvent o = new OpenEvent(EventType.OUTAGE, st.entity, st.candidateEvidence);
        o.raised = bin.end();
        o.seenUntil = bin.end();
        o.depth = depth;
        o.severity = st.candidateSeverity;
        o.extent = extent(st, s, base, loss);
        o.before = st.lastNormalUpstreams.stream().map(Upstream::asn).toList();
        for (Upstream u : s.upstreams()) o.during.add(u.asn());
        o.evidence = st.evidence == null ? java.util.List.of() : st.evidence.snapshot();
        // gradual: the loss deepened over bins, or the withdrawals behind it began bins earlier
        boolean gradual = st.firstDownDepth < depth - 0.05 || st.candidateEvidence.isBefore(st.candidateBin);
        o.hints.add(gradual ? Hint.GRADUAL : Hint.ALL_AT_ONCE);
        if (s.visibleSlash24() > 0) o.hints.add(Hint.PARTIAL);
        if (all.recentInstability(st, bin)) o.hints.add(Hint.PRECEDED_BY_INSTABILITY);
        if (o.before.size() == 1 && st.lastNormalUpstreams.get(0).share() >= 0.99) o.hints.add(Hint.SINGLE_UPSTREAM);
        boolean upstreamGone = !o.before.isEmpty() && o.during.stream().noneMatch(o.before::contains);
        if ((upstreamGone && !o.during.isEmpty()) || all.recentUpstreamLoss(st, bin)) o.hints.add(Hint.UPSTREAM_LOST);
        if (loss.agreeing == 1) o.hints.add(Hint.ONE_PEER_ONLY);
        o.details.put("baseline_slash24", fmt(base));
        o.details.put("visible_slash24", fmt(s.visibleSlash24()));
        o.summary = summary(st, o);
        st.outage = o;
        st.outageThisBin = true;
        sink.raised(o.snapshot());
    }

    private static String summary(EntityState st, OpenEvent o) {
        StringBuilder b = new StringBuilder();
        b.append(o.depth >= 0.999 ? "all" : String.format(Locale.ROOT, "%.0f%%", o.depth * 100))
                .append(" of ").append(o.details.getOrDefault("baseline_slash24", "?")).append(" /24s lost, ")
                .append(o.extent.peersAgreeing()).append('/').append(o.extent.fullFeedPeers()).append(" peers agree");
        if (o.before.size() == 1) b.append(", single upstream AS").append(o.before.get(0));
        else if (!o.before.isEmpty()) b.append(", upstreams before ").append(o.before.stream().limit(4).map(a -> "AS" + a).toList());
        return b.toString();
    }

    private static Extent extent(EntityState st, Signal s, double base, Loss loss) {
        double lost = Math.max(0, base - s.visibleSlash24());
        return new Extent(loss.prefixes, lost, Math.round(lost * 256), loss.agreeing, s.fullFeedPeers());
    }

    /**
     * Where the loss began: the start of the run of withdrawals that led to it when that run began
     * within the confirmation window before this bin (a gradual loss), else the bin's first
     * withdrawal, else the bin's start (a loss without withdrawals: peers going away).
     */
    private long window(Bin bin) {
        return (long) config.outageConfirmBins() * (bin.endMicros() - bin.startMicros());
    }

    private Instant firstEvidence(EntityState st, Bin bin) {
        if (st.binFirstWithdrawal == Long.MAX_VALUE) return bin.start();
        if (st.withdrawalRunStart != Long.MIN_VALUE && st.withdrawalRunStart >= bin.startMicros() - window(bin)) {
            return Bin.instant(Math.min(st.withdrawalRunStart, st.binFirstWithdrawal));
        }
        return Bin.instant(st.binFirstWithdrawal);
    }

    /** When visibility came back: the median announcement of the entity in the recovery bin, else the bin's start. */
    private static Instant recoveredAt(EntityState st, Bin bin) {
        if (st.binAnnouncements.isEmpty()) return bin.start();
        long[] a = st.binAnnouncements.toLongArray();
        java.util.Arrays.sort(a);
        return Bin.instant(a[(a.length - 1) / 2]);
    }

    /** Lost prefixes and the full-feed peers agreeing they are gone (the fewest over lost prefixes). */
    record Loss(int prefixes, int agreeing) {}

    static Loss loss(RoutingView view, String entity, Signal s, double base) {
        EntityIndex index = view.entities();
        int id = index.find(Entity.parse(entity));
        if (id < 0) return new Loss(0, s.fullFeedPeers());
        RoutingState r = view.routing();
        PeerBits bits = r.peerBits();
        long[] m4 = r.fullFeedMask(false), m6 = r.fullFeedMask(true);
        int f4 = r.fullFeedCount(false), f6 = r.fullFeedCount(true);
        EntityIndex.Members m = index.members(id);
        int lost = 0, agreeing = Integer.MAX_VALUE;
        for (int i = 0; i < m.size(); i++) {
            int p = m.prefix(i);
            boolean v6 = r.prefixes().isV6(p);
            int full = v6 ? f6 : f4;
            int seen = bits.count(p, v6 ? m6 : m4);
            if (seen > VISIBLE_SHARE * full) continue;
            lost++;
            agreeing = Math.min(agreeing, full - seen);
        }
        return new Loss(lost, lost == 0 ? 0 : agreeing);
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
}
