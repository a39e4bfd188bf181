package org.blackout.core.detect;

import java.time.Duration;

/**
 * Detector settings. Durations are data time; counts of bins follow from the engine's bin.
 * The defaults are tuned for 5-minute bins and a collector with tens of full-feed peers (the
 * North Korea scenario has 40; RouteViews and RIS collectors have tens each).
 *
 * @param warmup              nothing is raised for an entity before it has this much history (default
 *                            15 min: losses are judged per prefix among its carriers, which needs no long
 *                            history; the /24 baseline is the state at the end of warm-up until the
 *                            moving median has history)
 * @param history             moving-median window for baselines, earlier anomalies excluded (default 24 h, as IODA)
 * @param outageRaise         an outage is a candidate when visible /24s fall below this share of the baseline (0.8)
 * @param outageLower         and ends only when they are back at or above this share: hysteresis (0.95)
 * @param outageConfirmBins   consecutive candidate bins before raising (3, i.e. 15 min); a total
 *                            loss, seen by no full-feed peer at all, is raised after one bin
 * @param minAgreeingPeers    the floor of peers that must agree a loss (default 3, or all of them when
 *                            fewer carried the entity's routes); beyond it a majority ({@code agreeShare})
 * @param instabilityFactor   a bin is unstable when its churn exceeds this multiple of the baseline, the 90th percentile of churn per bin (10)
 * @param instabilityMinChurn and at least this many updates of the entity (default 100: one prefix's path
 *                            exploration across 46 peers is already tens of updates)
 * @param instabilityRaiseBins unstable bins within {@code instabilityWindow} that raise an event (12: an hour of it within two; on the shared real days 6 gave 30 events a day, 12 gives 5)
 * @param instabilityWindow   (default 2 h)
 * @param instabilityQuiet    an instability ends after this long without an unstable bin (default 2 h)
 * @param instabilityLookback an outage is "preceded by instability" when one was open or ended this long before (24 h)
 * @param upstreamMinShare    an upstream counts when at least this share of paths go through it (0.2)
 * @param upstreamConfirmBins bins an upstream must stay gone (or new) before an upstream event (6, 30 min)
 * @param hijackMinPeers      full-feed peers that must see a hijacking route (default 3)
 * @param evidence            sample route elements kept per event (default 5)
 * @param agreeShare          share of the carrying peers that must agree (strictly more than; default 0.5)
 * @param outageMinPrefixes   an outage on prefixes needs at least this many newly lost prefixes (default 1)
 * @param outageMinShare      and at least this share of the entity's known prefixes (default 0.1)
 * @param lossConfirmBins     bins a prefix loss must last before it is raised (default 1)
 * @param outageLowerRemaining an outage on prefixes ends when at most this share of its most lost
 *                            prefixes is still lost (default 0.2)
 * @param extentPrefixes      lost prefixes listed in an event's extent (default 20; the count is always given)
 * @param outageMinPeers      peers that must agree in any case: one peer alone never raises an outage (default 2)
 * @param outageFastPrefixes  a loss of at least this many prefixes (or of all of an entity that was not
 *                            flapping) is raised after {@code lossConfirmBins} (default 25) ...
 * @param outageMinDuration   ... a smaller one only after lasting this long (default 30 min: on the shared
 *                            real days most small losses are flaps back within 15 min)
 * @param flapMemory          an entity that lost and regained prefixes this recently is flapping (default 6 h)
 * @param upstreamMinPeers    upstream changes are judged only with at least this many full-feed peers (default 5)
 * @param hijackLearn         an origin seen this long for a prefix (or a covering one) is expected (default 30 min)
 * @param leakMinPrefixes     a leak is raised when routes to at least this many prefixes cross the valley ...
 *                            (default 50: with 2013 relationships on the 2008 shared days, half of the 93
 *                            incidents of six hours had fewer; stale relationships make small valleys)
 * @param leakMinPeers        ... seen by at least this many peers (default 2)
 * @param watchedInstabilityMinChurn for an explicitly watched entity (not one swept in by all-countries
 *                            or all-ases), instability's minimum churn (default 20) ...
 * @param watchedInstabilityRaiseBins ... and unstable bins within the window (default 3): an operator who
 *                            names an entity wants its flaps; a sweep of every country must stay readable
 * @param hijackMinShare      without a RIB, a hijack judged against the data's own history alone (no
 *                            operator list, no ROA) must be carried by this share of the active peers
 *                            (default 0.5): on the shared real days AT&T's customers' /24s re-announced
 *                            at 4–10 of 45 peers otherwise read as 40 hijacks of AS7018 an hour
 */
public record DetectorConfig(Duration warmup, Duration history, double outageRaise, double outageLower,
                             int outageConfirmBins, int minAgreeingPeers, double instabilityFactor,
                             int instabilityMinChurn, int instabilityRaiseBins, Duration instabilityWindow,
                             Duration instabilityQuiet, Duration instabilityLookback, double upstreamMinShare,
                             int upstreamConfirmBins, int hijackMinPeers, int evidence, double agreeShare,
                             int outageMinPrefixes, double outageMinShare, int lossConfirmBins,
                             double outageLowerRemaining, int extentPrefixes, int outageMinPeers,
                             int outageFastPrefixes, Duration outageMinDuration, Duration flapMemory,
                             int upstreamMinPeers, Duration hijackLearn, int leakMinPrefixes, int leakMinPeers,
                             double hijackMinShare, int watchedInstabilityMinChurn, int watchedInstabilityRaiseBins) {

    public DetectorConfig {
        if (!(outageRaise > 0 && outageRaise < 1)) throw new IllegalArgumentException("outage raise share must be in (0,1)");
        if (outageLower < outageRaise) throw new IllegalArgumentException("outage lower share must be ≥ the raise share");
        if (outageConfirmBins < 1 || instabilityRaiseBins < 1 || upstreamConfirmBins < 1) {
            throw new IllegalArgumentException("bin counts must be positive");
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(Duration.ofMinutes(15), Duration.ofHours(24), 0.8, 0.95, 3, 3, 10, 100, 12,
                Duration.ofHours(2), Duration.ofHours(2), Duration.ofHours(24), 0.2, 6, 3, 5, 0.5, 1, 0.1, 1, 0.2, 20, 2, 25,
                Duration.ofMinutes(30), Duration.ofHours(6), 5, Duration.ofMinutes(30), 50, 2, 0.5, 20, 3);
    }

    public DetectorConfig withMinAgreeingPeers(int n) {
        return new DetectorConfig(warmup, history, outageRaise, outageLower, outageConfirmBins, n, instabilityFactor,
                instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet, instabilityLookback,
                upstreamMinShare, upstreamConfirmBins, hijackMinPeers, evidence, agreeShare, outageMinPrefixes,
                outageMinShare, lossConfirmBins, outageLowerRemaining, extentPrefixes, outageMinPeers, outageFastPrefixes,
                outageMinDuration, flapMemory, upstreamMinPeers, hijackLearn, leakMinPrefixes, leakMinPeers, hijackMinShare,
                watchedInstabilityMinChurn, watchedInstabilityRaiseBins);
    }

    public DetectorConfig withHijackMinPeers(int n) {
        return new DetectorConfig(warmup, history, outageRaise, outageLower, outageConfirmBins, minAgreeingPeers,
                instabilityFactor, instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet,
                instabilityLookback, upstreamMinShare, upstreamConfirmBins, n, evidence, agreeShare, outageMinPrefixes,
                outageMinShare, lossConfirmBins, outageLowerRemaining, extentPrefixes, outageMinPeers, outageFastPrefixes,
                outageMinDuration, flapMemory, upstreamMinPeers, hijackLearn, leakMinPrefixes, leakMinPeers, hijackMinShare,
                watchedInstabilityMinChurn, watchedInstabilityRaiseBins);
    }

    /** Instability's thresholds (tests of the mechanism use gentler ones than the real-data defaults). */
    public DetectorConfig withInstability(int minChurn, int raiseBins) {
        return new DetectorConfig(warmup, history, outageRaise, outageLower, outageConfirmBins, minAgreeingPeers,
                instabilityFactor, minChurn, raiseBins, instabilityWindow, instabilityQuiet,
                instabilityLookback, upstreamMinShare, upstreamConfirmBins, hijackMinPeers, evidence, agreeShare, outageMinPrefixes,
                outageMinShare, lossConfirmBins, outageLowerRemaining, extentPrefixes, outageMinPeers, outageFastPrefixes,
                outageMinDuration, flapMemory, upstreamMinPeers, hijackLearn, leakMinPrefixes, leakMinPeers, hijackMinShare,
                watchedInstabilityMinChurn, watchedInstabilityRaiseBins);
    }

    public DetectorConfig withWarmup(Duration d) {
        return new DetectorConfig(d, history, outageRaise, outageLower, outageConfirmBins, minAgreeingPeers,
                instabilityFactor, instabilityMinChurn, instabilityRaiseBins, instabilityWindow, instabilityQuiet,
                instabilityLookback, upstreamMinShare, upstreamConfirmBins, hijackMinPeers, evidence, agreeShare, outageMinPrefixes,
                outageMinShare, lossConfirmBins, outageLowerRemaining, extentPrefixes, outageMinPeers, outageFastPrefixes,
                outageMinDuration, flapMemory, upstreamMinPeers, hijackLearn, leakMinPrefixes, leakMinPeers, hijackMinShare,
                watchedInstabilityMinChurn, watchedInstabilityRaiseBins);
    }
}
