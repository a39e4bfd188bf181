package org.blackout.core.detect;

import java.util.Locale;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;

/**
 * Instability: bins whose churn (announcements + withdrawals of the entity's prefixes) is at
 * least {@code instabilityFactor} × the entity's own baseline (the 90th percentile of its
 * churn per bin over the history window) and {@code instabilityMinChurn};
 * {@code instabilityRaiseBins} of them within {@code instabilityWindow} raise an event, which
 * ends (backdated to its last unstable bin) after {@code instabilityQuiet} without one. Bins
 * under an instability or an outage stay out of the churn baseline, and an outage's own
 * withdrawals and re-announcements are not churn.
 */
final class InstabilityDetector {
    private final DetectorConfig config;
    private final EventSink sink;
    private final long warmupBins;

    InstabilityDetector(DetectorConfig config, long warmupBins, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.warmupBins = warmupBins;
    }

    void step(EntityState st, Signal s, Bin bin) {
        long churn = s.announcements() + s.withdrawals();
        boolean outage = st.outage != null || st.outageThisBin;
        double base = Double.isNaN(st.churnBaseline) ? 0 : st.churnBaseline;
        int minChurn = st.watched ? config.watchedInstabilityMinChurn() : config.instabilityMinChurn();
        int raiseBins = st.watched ? config.watchedInstabilityRaiseBins() : config.instabilityRaiseBins();
        double threshold = Math.max(minChurn, config.instabilityFactor() * base);
        // churn is judged against the entity's own history: no verdict before an hour of it exists
        boolean unstable = st.bins > Math.max(warmupBins, historyBins(bin)) && !outage && churn >= threshold;
        st.churn.add(churn, unstable || outage || st.instability != null);
        long window = config.instabilityWindow().toNanos() / 1000;
        while (!st.unstableBins.isEmpty() && st.unstableBins.peekFirst() < bin.endMicros() - window) st.unstableBins.pollFirst();
        OpenEvent o = st.instability;
        if (unstable) {
            st.unstableBins.addLast(bin.startMicros());
            st.lastUnstableEnd = bin.endMicros();
        }
        if (o == null) {
            if (!unstable || st.unstableBins.size() < raiseBins) return;
            o = new OpenEvent(EventType.INSTABILITY, st.entity, Bin.instant(st.unstableBins.peekFirst()));
            o.raised = bin.end();
            o.seenUntil = bin.end();
            o.depth = 1;
            o.severity = raiseBins * bin.hours();
            o.before = st.lastNormalUpstreams.stream().map(Upstream::asn).toList();
            o.details.put("baseline_churn", OutageDetector.fmt(base));
            o.details.put("threshold", OutageDetector.fmt(threshold));
            o.details.put("unstable_bins", Integer.toString(st.unstableBins.size()));
            o.details.put("max_churn", Long.toString(churn));
            o.extent = new Extent(s.visiblePrefixes(), s.visibleSlash24(), Math.round(s.visibleSlash24() * 256),
                    s.fullFeedPeers() - s.peersSeeing(), s.fullFeedPeers());
            o.evidence = st.evidence == null ? java.util.List.of() : st.evidence.snapshot();
            o.summary = summary(o, s);
            st.instability = o;
            sink.raised(o.snapshot());
            return;
        }
        o.seenUntil = bin.end();
        if (unstable) {
            o.severity += Math.min(10, churn / threshold) * bin.hours();
            int n = Integer.parseInt(o.details.get("unstable_bins")) + 1;
            o.details.put("unstable_bins", Integer.toString(n));
            if (churn > Long.parseLong(o.details.get("max_churn"))) o.details.put("max_churn", Long.toString(churn));
            int agreeing = s.fullFeedPeers() - s.peersSeeing();
            if (agreeing > o.extent.peersAgreeing()) {
                o.extent = new Extent(o.extent.prefixes(), o.extent.slash24(), o.extent.addresses(), agreeing, s.fullFeedPeers());
            }
            o.evidence = st.evidence == null ? o.evidence : st.evidence.snapshot();
            o.summary = summary(o, s);
            return;
        }
        if (bin.endMicros() - st.lastUnstableEnd >= config.instabilityQuiet().toNanos() / 1000) {
            o.lowered = Bin.instant(st.lastUnstableEnd);
            o.seenUntil = o.lowered;
            o.summary = summary(o, s);
            st.instability = null;
            st.lastInstabilityLowered = o.lowered;
            sink.lowered(o.snapshot());
        }
    }

    private static long historyBins(Bin bin) {
        return 3_600_000_000L / Math.max(1, bin.endMicros() - bin.startMicros());
    }

    private static String summary(OpenEvent o, Signal s) {
        return String.format(Locale.ROOT, "%s unstable bins, up to %s updates per bin (baseline %s)",
                o.details.get("unstable_bins"), o.details.get("max_churn"), o.details.get("baseline_churn"));
    }
}
