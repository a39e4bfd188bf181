package org.blackout.cli;

import java.util.ArrayList;
import java.util.List;
import org.blackout.core.config.Durations;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.rib.FullFeedPolicy;
import picocli.CommandLine.Option;

/**
 * The engine's settings as flags, shared by the commands that run it ({@code replay}, {@code collect}).
 * A flag given overrides the configuration file's {@code engine:} (or the default); one not given
 * leaves it alone, so the defaults live in {@link EngineConfig#defaults()} alone.
 */
final class EngineOptions {

    @Option(names = "--bin", paramLabel = "DURATION", description = "Time bin: 300s, 5m, 1h, PT5M, or seconds (default 5m).")
    String bin;

    @Option(names = "--threshold", paramLabel = "SHARE",
            description = "Space is visible when more than this share of full-feed peers see it (default 0.5).")
    Double threshold;

    @Option(names = "--full-feed-ratio", paramLabel = "SHARE",
            description = "A peer is full-feed when its table is at least this share of the largest peer's "
                    + "(per address family; default 0.8).")
    Double fullFeedRatio;

    @Option(names = "--full-feed-min", split = ",", paramLabel = "V4[,V6]",
            description = "Absolute minimum table sizes for full-feed peers, e.g. 400001,10001 as IODA does.")
    List<Integer> fullFeedMin = new ArrayList<>();

    @Option(names = "--hold", paramLabel = "DURATION",
            description = "A peer silent this long (data time) is stale: its routes stop counting (default 1h).")
    String hold;

    @Option(names = "--loss-share", paramLabel = "SHARE",
            description = "A prefix is lost when more than this share of the peers that carried it withdrew it (default 0.5) ...")
    Double lossShare;

    @Option(names = "--loss-floor", paramLabel = "N",
            description = "... and at least this many of them, or all when fewer carried it (default 3).")
    Integer lossFloor;

    @Option(names = "--forget", paramLabel = "DURATION",
            description = "A prefix lost this long is retired from its entities' known space (default 24h).")
    String forget;

    /** {@code base} with the flags given applied; throws IllegalArgumentException naming a bad value. */
    EngineConfig apply(EngineConfig base) {
        EngineConfig c = base;
        if (bin != null) c = c.withBin(micros("--bin", bin));
        if (threshold != null) c = c.withThreshold(threshold);
        FullFeedPolicy ff = c.fullFeed();
        if (fullFeedRatio != null || !fullFeedMin.isEmpty()) {
            c = c.withFullFeed(new FullFeedPolicy(fullFeedRatio != null ? fullFeedRatio : ff.ratio(),
                    fullFeedMin.isEmpty() ? ff.minV4() : fullFeedMin.get(0), fullFeedMin.size() < 2 ? ff.minV6() : fullFeedMin.get(1)));
        }
        if (hold != null) c = c.withHold(micros("--hold", hold));
        if (lossShare != null || lossFloor != null) {
            c = c.withLoss(lossShare != null ? lossShare : c.lossShare(), lossFloor != null ? lossFloor : c.lossFloor());
        }
        if (forget != null) c = c.withForget(micros("--forget", forget));
        return c;
    }

    private static long micros(String flag, String text) {
        try {
            return Durations.micros(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }
}
