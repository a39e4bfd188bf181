package org.blackout.sim;

/**
 * Live update churn per simulated peer, as measured on real update files ({@code bench/churn-rates.sh}).
 *
 * @param announcementsPerSecond announcements per peer per second, flap re-announcements included
 * @param withdrawalsPerSecond   withdrawals per peer per second
 * @param newPathShare           share of announcements carrying an AS path never seen before
 * @param samePathShare          share of announcements repeating the route's current path
 * @param flapShare              share of withdrawals the peer re-announces within the day
 * @param flapMedianSeconds      median delay of those re-announcements
 * @param flapP90Seconds         their 90th percentile (delays are drawn log-normal through both)
 * @param newPrefixesPerDay      prefixes appearing per day (announced by every peer)
 * @param vanishingPrefixesPerDay prefixes no peer routes any more after the day
 */
public record ChurnRates(double announcementsPerSecond, double withdrawalsPerSecond, double newPathShare,
        double samePathShare, double flapShare, double flapMedianSeconds, double flapP90Seconds,
        int newPrefixesPerDay, int vanishingPrefixesPerDay) {

    public ChurnRates {
        if (announcementsPerSecond < 0 || withdrawalsPerSecond < 0) throw new IllegalArgumentException("negative rate");
        if (flapShare * withdrawalsPerSecond > announcementsPerSecond) {
            throw new IllegalArgumentException("re-announced flaps exceed the announcements");
        }
        for (double s : new double[] {newPathShare, samePathShare, flapShare}) {
            if (s < 0 || s > 1) throw new IllegalArgumentException("share out of [0, 1]: " + s);
        }
        if (flapMedianSeconds <= 0 || flapP90Seconds < flapMedianSeconds) throw new IllegalArgumentException("flap delays");
    }

    /**
     * route-views2, 22 and 23 February 2008 ({@code bench/churn-rates.sh}, figures in
     * bench/PERFORMANCE.md), the two days after the first, on which the tables were still being learnt
     * from updates (the shared days have no RIB). Per peer: the mean over the peers carrying at least
     * half the largest table (7 of 46), 4.44 and 1.35 announcements/s, 0.278 and 0.168 withdrawals/s:
     * simulated peers carry full tables. Of all announcements 5.73% and 4.17% carried an AS path
     * never seen before in the run, 35.2% and 29.9% repeated the route's current path; 87.0% and
     * 94.1% of withdrawals were flaps, announced again by the peer after a median 45 s and 41 s (p90
     * 1,913 s and 2,127 s). New prefixes: 500 on the 23rd (16 k on the 22nd, still learning); no
     * peer routed 247 and 309 prefixes at the day's end that some peer routed at its start.
     */
    public static final ChurnRates ROUTEVIEWS_2008 = new ChurnRates(
            (4.444 + 1.346) / 2, (0.278 + 0.168) / 2, (0.0573 + 0.0417) / 2, (0.3519 + 0.2994) / 2,
            (0.870 + 0.941) / 2, 43, 2_020, 500, 278);
}
