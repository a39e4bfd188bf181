package org.blackout.cli;

import java.util.ArrayList;
import java.util.List;
import org.blackout.core.config.Durations;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.rib.FullFeedPolicy;
import picocli.CommandLine.Option;

/** The engine's settings as flags, shared by the commands that run it ({@code replay}, {@code collect}). */
final class EngineOptions {

    @Option(names = "--bin", defaultValue = "5m", paramLabel = "DURATION",
            description = "Time bin: 300s, 5m, 1h, PT5M, or seconds (default ${DEFAULT-VALUE}).")
    String bin;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "SHARE",
            description = "Space is visible when more than this share of full-feed peers see it (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--full-feed-ratio", defaultValue = "0.8", paramLabel = "SHARE",
            description = "A peer is full-feed when its table is at least this share of the largest peer's "
                    + "(per address family; default ${DEFAULT-VALUE}).")
    double fullFeedRatio;

    @Option(names = "--full-feed-min", split = ",", paramLabel = "V4[,V6]",
            description = "Absolute minimum table sizes for full-feed peers, e.g. 400001,10001 as IODA does.")
    List<Integer> fullFeedMin = new ArrayList<>();

    @Option(names = "--hold", defaultValue = "1h", paramLabel = "DURATION",
            description = "A peer silent this long (data time) is stale: its routes stop counting (default ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--loss-share", defaultValue = "0.5", paramLabel = "SHARE",
            description = "A prefix is lost when more than this share of the peers that carried it withdrew it "
                    + "(default ${DEFAULT-VALUE}) ...")
    double lossShare;

    @Option(names = "--loss-floor", defaultValue = "3", paramLabel = "N",
            description = "... and at least this many of them, or all when fewer carried it (default ${DEFAULT-VALUE}).")
    int lossFloor;

    @Option(names = "--forget", defaultValue = "24h", paramLabel = "DURATION",
            description = "A prefix lost this long is retired from its entities' known space (default ${DEFAULT-VALUE}).")
    String forget;

    /** The engine settings; throws IllegalArgumentException naming a bad value. */
    EngineConfig config() {
        int min4 = fullFeedMin.isEmpty() ? 1 : fullFeedMin.get(0);
        int min6 = fullFeedMin.size() < 2 ? 1 : fullFeedMin.get(1);
        return EngineConfig.defaults().withBin(Durations.micros(bin)).withThreshold(threshold)
                .withFullFeed(new FullFeedPolicy(fullFeedRatio, min4, min6)).withHold(Durations.micros(hold))
                .withLoss(lossShare, lossFloor).withForget(Durations.micros(forget));
    }
}
