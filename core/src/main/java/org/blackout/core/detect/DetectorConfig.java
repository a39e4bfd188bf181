package org.blackout.core.detect;

import java.time.Duration;

/**
 * Detector settings. Durations are data time; counts of bins follow from the engine's bin.
 * The defaults are tuned for 5-minute bins and a collector with tens of full-feed peers (the
 * North Korea scenario has 40; RouteViews and RIS collectors have tens each).
 *
 * @param warmup              nothing is raised for an entity before it has this much history (default 1 h)
 * @param history             moving-median window for baselines, earlier anomalies excluded (default 24 h, as IODA)
 * @param outageRaise         an outage is a candidate when visible /24s fall below this share of the baseline (0.8)
 * @param outageLower         and ends only when they are back at or above this share: hysteresis (0.95)
 * @param outageConfirmBins   consecutive candidate bins before raising (3, i.e. 15 min); a total
 *                            loss, seen by no full-feed peer at all, is raised after one bin
 * @param minAgreeingPeers    full-feed peers that must agree the space is gone (default 20: half the
 *                            scenario's 40 peers; BGPalerter's visibility monitor uses tens). With fewer
 *                            full-feed peers than this, no outage is raised at all: too few to tell
 * @param instabilityFactor   a bin is unstable when its churn exceeds this multiple of the baseline, the 90th percentile of churn per bin (10)
 * @param instabilityMinChurn and at least this many updates of the entity (default 20)
 * @param instabilityRaiseBins unstable bins within {@code instabilityWindow} that raise an event (3)
 * @param instabilityWindow   (default 2 h)
 * @param instabilityQuiet    an instability ends after this long without an unstable bin (default 2 h)
 * @param instabilityLookback an outage is "preceded by instability" when one was open or ended this long before (24 h)
 * @param upstreamMinShare    an upstream counts when at least this share of paths go through it (0.2)
 * @param upstreamConfirmBins bins an upstream must stay gone (or new) before an upstream event (6, 30 min)
 * @param hijackMinPeers      full-feed peers that must see a hijacking route (default 3)
 * @param evidence            sample route elements kept per event (default 5)
 */
public record DetectorConfig(Duration warmup, Duration history, double outageRaise, double outageLower,
                             int outageConfirmBins, int minAgreeingPeers, double instabilityFactor,
                             int instabilityMinChurn, int instabilityRaiseBins, Duration instabilityWindow,
                             Duration instabilityQuiet, Duration instabilityLookback, double upstreamMinShare,
                             int upstreamConfirmBins, int hijackMinPeers, int evidence) {

    public DetectorConfig {
        if (!(outageRaise > 0 && outageRaise < 1)) throw new IllegalArgumentException("outage raise share must be in (0,1)");
        if (outageLower < outageRaise) throw new IllegalArgumentException("outage lower share must be ≥ the raise share");
        if (outageConfirmBins < 1 || instabilityRaiseBins < 1 || upstreamConfirmBins < 1) {
            throw new IllegalArgumentException("bin counts must be positive");
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(Duration.ofHours(1), Duration.ofHours(24), 0.8, 0.95, 3, 20, 10, 20, 3,
                Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(24), 0.2, 6, 3, 5);
    }

    public DetectorConfig withMinAgreeingPeers(int n) {
        return new DetectorConfig(warmup, history, outageRaise, outageLower, outageConfirmBins, n, instabilityFactor,
                instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet, instabilityLookback,
                upstreamMinShare, upstreamConfirmBins, hijackMinPeers, evidence);
    }

    public DetectorConfig withHijackMinPeers(int n) {
        return new DetectorConfig(warmup, history, outageRaise, outageLower, outageConfirmBins, minAgreeingPeers,
                instabilityFactor, instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet,
                instabilityLookback, upstreamMinShare, upstreamConfirmBins, n, evidence);
    }

    public DetectorConfig withWarmup(Duration d) {
        return new DetectorConfig(d, history, outageRaise, outageLower, outageConfirmBins, minAgreeingPeers,
                instabilityFactor, instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet,
                instabilityLookback, upstreamMinShare, upstreamConfirmBins, hijackMinPeers, evidence);
    }
}
