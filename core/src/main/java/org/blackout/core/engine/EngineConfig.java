package org.blackout.core.engine;

import org.blackout.core.rib.FullFeedPolicy;

/**
 * Engine settings.
 *
 * @param binMicros         signal bin length (default 5 minutes)
 * @param threshold         share of full-feed peers that must see space for it to count as visible
 *                          (strictly more than; default 0.5)
 * @param fullFeed          which peers are full-feed
 * @param holdMicros        a peer with routes that sends nothing for this long (data time) is marked
 *                          stale: its routes stop counting until it speaks again (default 1 hour;
 *                          MRT update files do not record keepalives, so quiet peers look silent)
 * @param minLengthV4       IPv4 prefixes shorter than this (e.g. a 0.0.0.0/0 leaked to a collector)
 *                          belong to no entity (default 8)
 * @param minLengthV6       same for IPv6 (default 16)
 * @param maxEmptyBins      a gap in the data longer than this many bins is skipped, not filled with
 *                          signals (default 288, one day of 5-minute bins)
 * @param lossShare         a prefix is lost when more than this share of the peers that carried it
 *                          withdrew it (default 0.5, a majority) ...
 * @param lossFloor         ... and at least this many of them, or all when fewer carried it (default 3)
 * @param forgetMicros      a prefix lost this long is retired from the entity's known space (default 24 h)
 * @param recentLossMicros  a lost prefix whose last withdrawal is this recent is a new loss (default 30 min)
 */
public record EngineConfig(long binMicros, double threshold, FullFeedPolicy fullFeed, long holdMicros,
                           int minLengthV4, int minLengthV6, int maxEmptyBins, double lossShare, int lossFloor,
                           long forgetMicros, long recentLossMicros) {

    public static final long MINUTE = 60_000_000L;

    public EngineConfig {
        if (binMicros <= 0) throw new IllegalArgumentException("bin must be positive");
        if (threshold < 0 || threshold >= 1) throw new IllegalArgumentException("threshold must be in [0,1)");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(5 * MINUTE, 0.5, FullFeedPolicy.defaults(), 60 * MINUTE, 8, 16, 288, 0.5, 3,
                24 * 60 * MINUTE, 30 * MINUTE);
    }

    public EngineConfig withBin(long micros) {
        return new EngineConfig(micros, threshold, fullFeed, holdMicros, minLengthV4, minLengthV6, maxEmptyBins, lossShare, lossFloor, forgetMicros, recentLossMicros);
    }

    public EngineConfig withThreshold(double t) {
        return new EngineConfig(binMicros, t, fullFeed, holdMicros, minLengthV4, minLengthV6, maxEmptyBins, lossShare, lossFloor, forgetMicros, recentLossMicros);
    }

    public EngineConfig withFullFeed(FullFeedPolicy p) {
        return new EngineConfig(binMicros, threshold, p, holdMicros, minLengthV4, minLengthV6, maxEmptyBins, lossShare, lossFloor, forgetMicros, recentLossMicros);
    }

    public EngineConfig withLoss(double share, int floor) {
        return new EngineConfig(binMicros, threshold, fullFeed, holdMicros, minLengthV4, minLengthV6, maxEmptyBins, share, floor,
                forgetMicros, recentLossMicros);
    }

    public EngineConfig withForget(long micros) {
        return new EngineConfig(binMicros, threshold, fullFeed, holdMicros, minLengthV4, minLengthV6, maxEmptyBins, lossShare,
                lossFloor, micros, recentLossMicros);
    }

    public EngineConfig withHold(long micros) {
        return new EngineConfig(binMicros, threshold, fullFeed, micros, minLengthV4, minLengthV6, maxEmptyBins, lossShare, lossFloor, forgetMicros, recentLossMicros);
    }
}
