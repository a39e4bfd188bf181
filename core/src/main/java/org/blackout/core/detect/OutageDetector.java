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
        stepBins(st, s, bin, all);
        if (st.early != null) settleEarly(st, bin);
    }

    /**
     * A provisional outage ({@link EarlyOutage}) the bins have not raised: kept while the bins hold a
     * loss candidate (it may still be confirmed), retracted once they hold none.
     */
    private void settleEarly(EntityState st, Bin bin) {
        OpenEvent o = st.early;
        if (st.downBins > 0) {
            o.seenUntil = bin.end();
            return;
        }
        o.lowered = recoveredAt(st, bin);
        if (o.lowered.isBefore(o.raised)) o.lowered = o.raised;
        o.hints.remove(Hint.PROVISIONAL);
        o.hints.add(Hint.RETRACTED);
        o.summary = "retracted: " + o.summary.replaceFirst("^provisional: ", "") + "; the bins did not confirm the loss";
        st.early = null;
        sink.lowered(o.snapshot());
    }

    private void stepBins(EntityState st, Signal s, Bin bin, Detectors all) {
        double v = s.visibleSlash24();
        double base = st.visibleBaseline;
        boolean warm = st.bins > warmupBins;
        if (st.outage == null) {
            boolean byPrefix = warm && prefixLoss(st, s);
            boolean bySpace = warm && s.basis().equals("rib") && base > 0 && v < config.outageRaise() * base;
            if (!byPrefix && !bySpace) {
                if (st.downBins > 0) {
                    st.downBins = 0;
                    st.lastLossEpisode = bin.startMicros();
                }
                st.visible.add(v, false);
                st.lastNormal = s;
                st.lostBefore = s.lostPrefixes();
                if (!s.upstreams().isEmpty()) st.lastNormalUpstreams = s.upstreams();
                return;
            }
            st.visible.add(v, true);
            double depth = bySpace ? 1 - v / base : share(s, st);
            if (st.downBins++ == 0) {
                st.candidateEvidence = firstEvidence(st, bin);
                st.candidateBin = bin.start();
                st.candidateSeverity = 0;
                st.firstDownDepth = depth;
                st.candidatePeak = 0;
                st.candidateFast = false;
                st.candidateAgreeing = 0;
                st.candidateCarrying = 0;
                st.candidateSlash24 = 0;
            }
            st.candidateAgreeing = Math.max(st.candidateAgreeing, s.peersAgreeing());
            st.candidateCarrying = Math.max(st.candidateCarrying, s.peersCarrying());
            st.candidateSlash24 = Math.max(st.candidateSlash24, s.recentLostSlash24());
            st.candidatePeak = Math.max(st.candidatePeak, Math.max(0, s.lostPrefixes() - st.lostBefore));
            st.candidateSeverity += depth * bin.hours();
            // never one peer alone, over the whole candidate
            if (byPrefix && st.downBins >= confirmBins(st, s, bin) && st.candidateAgreeing >= config.outageMinPeers()) {
                raise(st, s, bin, all, depth, true);
                return;
            }
            if (!bySpace) return;
            boolean total = s.peersSeeing() == 0 && s.fullFeedPeers() > 0;
            if (st.downBins < config.outageConfirmBins() && !total) return;
            if (s.fullFeedPeers() < Math.min(config.minAgreeingPeers(), s.fullFeedPeers()) || s.fullFeedPeers() == 0) return;
            Loss loss = loss(bin.view(), st.entity, s, base);
            if (loss.agreeing < required(s.fullFeedPeers())) return; // too few peers agree
            raise(st, s, bin, all, depth, false);
        } else {
            OpenEvent o = st.outage;
            o.seenUntil = bin.end();
            boolean recovered;
            double depth;
            if (st.outageByPrefix) {
                int remaining = Math.max(0, s.lostPrefixes() - st.lostBefore);
                recovered = remaining <= config.outageLowerRemaining() * st.peakLost || remaining == 0;
                depth = s.knownPrefixes() == 0 ? o.depth : (double) remaining / Math.max(1, s.knownPrefixes());
            } else {
                recovered = v >= config.outageLower() * base;
                depth = base > 0 ? 1 - v / base : 0;
            }
            if (recovered) {
                st.visible.add(v, false);
                st.lastNormal = s;
                st.lostBefore = s.lostPrefixes();
                if (!s.upstreams().isEmpty()) st.lastNormalUpstreams = s.upstreams();
                o.lowered = recoveredAt(st, bin);
                o.summary = summary(st, o) + ", " + EventText.restored(o.snapshot());
                st.outage = null;
                st.downBins = 0;
                st.outageThisBin = true;
                st.lastOutageLowered = o.lowered;
                st.lastLossEpisode = bin.startMicros();
                sink.lowered(o.snapshot());
                return;
            }
            st.visible.add(v, true);
            o.severity += depth * bin.hours();
            for (Upstream u : s.upstreams()) o.during.add(u.asn());
            int attributable = Math.max(0, s.lostPrefixes() - st.lostBefore);
            boolean deeper = st.outageByPrefix ? attributable > st.peakLost * 1.05 + 1 : depth > o.depth + 0.05;
            if (deeper) {
                o.depth = Math.max(o.depth, depth);
                if (st.outageByPrefix) {
                    st.peakLost = Math.max(st.peakLost, attributable);
                    o.extent = prefixExtent(st, s, bin);
                } else {
                    o.extent = extent(st, s, base, loss(bin.view(), st.entity, s, base));
                    if (v > 0) o.hints.add(Hint.PARTIAL);
                    else o.hints.remove(Hint.PARTIAL);
                }
                o.evidence = st.evidence == null ? o.evidence : st.evidence.snapshot();
                o.summary = summary(st, o);
                sink.updated(o.snapshot());
            }
        }
    }

    /** Peers that must agree among {@code carrying}: a share of them (default a majority), at least the floor or all. */
    private int required(int carrying) {
        return Math.max(Math.min(config.minAgreeingPeers(), carrying), (int) Math.floor(config.agreeShare() * carrying) + 1);
    }

    /**
     * A loss of prefixes withdrawn together by the peers that carried them: a new one (withdrawn
     * within the recent window) starts a candidate, which lasts while those prefixes stay lost.
     */
    private boolean prefixLoss(EntityState st, Signal s) {
        if (s.knownPrefixes() == 0) return false;
        if (st.downBins == 0) {
            if (newLoss(st, s) < config.outageMinPrefixes()) return false;
            // each lost prefix already has a majority of its carriers agreeing: here, enough peers in all,
            // and never one peer alone (it cannot tell its own failure from the Internet's)
            int need = Math.max(config.outageMinPeers(), Math.min(config.minAgreeingPeers(), s.peersCarrying()));
            if (s.peersAgreeing() < need) return false;
            return (double) newLoss(st, s) / s.knownPrefixes() >= config.outageMinShare();
        }
        int lost = s.lostPrefixes() - st.lostBefore;
        return lost >= config.outageMinPrefixes() && lost >= 0.5 * st.candidatePeak
                && (double) lost / s.knownPrefixes() >= config.outageMinShare();
    }

    /**
     * Prefixes lost recently and not already lost before (a loss that began in the warm-up, or an
     * old one, is the baseline, not news).
     */
    private static int newLoss(EntityState st, Signal s) {
        // a country is judged on address space, as IODA does: prefixes whose space a visible aggregate
        // still carries are not news there (on the shared days they were a third of the country events);
        // a network's prefixes count as prefixes, covered or not (its operator's view)
        int recent = st.country ? s.recentLost() - s.recentCovered() : s.recentLost();
        return Math.max(0, Math.min(recent, s.lostPrefixes() - st.lostBefore));
    }

    private static double share(Signal s, EntityState st) {
        return s.knownPrefixes() == 0 ? 0 : Math.max(0, (double) (s.lostPrefixes() - st.lostBefore)) / s.knownPrefixes();
    }

    /**
     * Bins a prefix loss must last: one for a large loss (many prefixes, or all of an entity that
     * has not been losing and regaining prefixes lately); short losses of a few prefixes are
     * flaps, routine on real days, so a small loss must last {@code outageMinDuration}.
     */
    private int confirmBins(EntityState st, Signal s, Bin bin) {
        boolean flapping = st.lastLossEpisode != Long.MIN_VALUE
                && bin.startMicros() - st.lastLossEpisode < config.flapMemory().toNanos() / 1000;
        // all of an entity at once is telling only when its whole table is known (a RIB): from updates
        // alone an AS may be known by the one prefix that happened to change
        boolean whole = s.basis().equals("rib") && newLoss(st, s) >= s.knownPrefixes() && !flapping;
        if (st.downBins == 1 && whole) st.candidateFast = true;
        // a loss that keeps growing becomes large in its second or third bin: large is large whenever
        if (Math.max(newLoss(st, s), s.lostPrefixes() - st.lostBefore) >= config.outageFastPrefixes()) st.candidateFast = true;
        // a country's large loss must hold for a second bin: whole-country flaps of a few minutes are routine
        if (st.candidateFast) return config.lossConfirmBins() + (st.country ? 1 : 0);
        long bins = config.outageMinDuration().toNanos() / 1000 / Math.max(1, bin.endMicros() - bin.startMicros());
        return (int) Math.max(config.lossConfirmBins(), bins);
    }

    private void raise(EntityState st, Signal s, Bin bin, Detectors all, double depth, boolean byPrefix) {
        double base = st.visibleBaseline;
        OpenEvent early = st.early;
        // a provisional outage raised early becomes this one: same id, raised when it was
        OpenEvent o = new OpenEvent(EventType.OUTAGE, st.entity, early != null ? early.firstEvidence : st.candidateEvidence);
        o.raised = early != null ? early.raised : bin.end();
        o.seenUntil = bin.end();
        o.depth = depth;
        o.severity = st.candidateSeverity;
        st.outageByPrefix = byPrefix;
        if (byPrefix) {
            st.peakLost = Math.max(st.candidatePeak, s.recentLost());
            o.extent = prefixExtent(st, s, bin);
            if (s.recentLost() < s.knownPrefixes()) o.hints.add(Hint.PARTIAL);
            if (s.recentLost() > 0 && s.recentCovered() >= s.recentLost()) {
                o.hints.add(Hint.COVERED);
                o.scoreFactor = 0.25; // prefixes gone, space still carried: worth less attention
            }
            o.details.put("covered_prefixes", Integer.toString(s.recentCovered()));
            o.details.put("baseline", "prefix_carriers");
            o.details.put("known_prefixes", Integer.toString(s.knownPrefixes()));
            o.details.put("lost_prefixes", Integer.toString(st.peakLost));
        } else {
            Loss loss = loss(bin.view(), st.entity, s, base);
            o.extent = extent(st, s, base, loss);
            if (s.visibleSlash24() > 0) o.hints.add(Hint.PARTIAL);
            if (loss.agreeing == 1) o.hints.add(Hint.ONE_PEER_ONLY);
            o.details.put("baseline", st.visible.size() >= historyBinsForMedian() ? "moving_median" : "warmup_end");
            o.details.put("baseline_slash24", fmt(base));
            o.details.put("visible_slash24", fmt(s.visibleSlash24()));
        }
        o.details.put("basis", s.basis());
        o.details.put("coverage", fmt(s.coverage()));
        o.before = st.lastNormalUpstreams.stream().map(Upstream::asn).toList();
        for (Upstream u : s.upstreams()) o.during.add(u.asn());
        o.evidence = st.evidence == null ? java.util.List.of() : st.evidence.snapshot();
        // gradual: the loss deepened over bins, or the withdrawals behind it began bins earlier
        boolean gradual = st.firstDownDepth < depth - 0.05 || st.candidateEvidence.isBefore(st.candidateBin.minusSeconds(300));
        o.hints.add(gradual ? Hint.GRADUAL : Hint.ALL_AT_ONCE);
        if (all.recentInstability(st, bin)) o.hints.add(Hint.PRECEDED_BY_INSTABILITY);
        if (o.before.size() == 1 && st.lastNormalUpstreams.get(0).share() >= 0.99) o.hints.add(Hint.SINGLE_UPSTREAM);
        boolean upstreamGone = !o.before.isEmpty() && o.during.stream().noneMatch(o.before::contains);
        if ((upstreamGone && !o.during.isEmpty()) || all.recentUpstreamLoss(st, bin)) o.hints.add(Hint.UPSTREAM_LOST);
        o.summary = summary(st, o);
        st.outage = o;
        st.outageThisBin = true;
        st.early = null;
        if (early != null) {
            o.details.put("raised_by", "early_withdrawal");
            sink.updated(o.snapshot()); // confirmed: the provisional hint goes
        } else {
            sink.raised(o.snapshot());
        }
    }

    /** {@code AS13335}, {@code KP}, {@code 175.45.176.0/22}. */
    static String display(String entity) {
        if (entity.startsWith("as:")) return "AS" + entity.substring(3);
        int c = entity.indexOf(':');
        return c < 0 ? entity : entity.substring(c + 1);
    }

    private int historyBinsForMedian() {
        return (int) Math.max(1, warmupBins) * 4;
    }

    /** The extent in prefixes: lost / known, /24s, addresses, peers agreeing / carrying, and the lost prefixes. */
    private Extent prefixExtent(EntityState st, Signal s, Bin bin) {
        // the candidate's worst, not only this bin's recent withdrawals: a loss raised after its minimum
        // duration has withdrawals older than the recent window
        long since = st.candidateBin.getEpochSecond() * 1_000_000L - config.outageMinDuration().toNanos() / 1000;
        java.util.List<org.blackout.wire.net.Prefix> lost = bin.view().lostSince(Entity.parse(st.entity), since, config.extentPrefixes());
        int prefixes = Math.max(st.peakLost, s.recentLost());
        double slash24 = Math.max(st.candidateSlash24, s.recentLostSlash24());
        return new Extent(prefixes, slash24, Math.round(slash24 * 256), Math.max(st.candidateAgreeing, s.peersAgreeing()),
                s.fullFeedPeers(), s.knownPrefixes(), Math.max(st.candidateCarrying, s.peersCarrying()),
                lost.stream().map(Object::toString).toList());
    }

    private static String summary(EntityState st, OpenEvent o) {
        if (st.outageByPrefix) {
            Extent x = o.extent;
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%,d of %,d prefixes (%.0f%%) of %s withdrawn by %d/%d peers",
                    x.prefixes(), x.knownPrefixes(), 100.0 * x.prefixes() / Math.max(1, x.knownPrefixes()),
                    display(st.entity), x.peersAgreeing(), x.peersCarrying()));
            if (o.before.size() == 1) b.append(", single upstream AS").append(o.before.get(0));
            return b.toString();
        }
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
        return new Extent(loss.prefixes, lost, Math.round(lost * 256), loss.agreeing, s.fullFeedPeers(), s.knownPrefixes(),
                s.fullFeedPeers(), java.util.List.of());
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
