package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import org.blackout.ingest.config.CollectConfig;

/**
 * Where route elements come from ({@code sources:}): MRT files or directories to replay, archived
 * data by collector and time range, and the live sources (BGP collector, BMP station, RIS Live
 * bootstrapped from the archives, with the MRT archive of what they receive; archives polled).
 *
 * @param replay      MRT files or directories ({@code replay} reads them, {@code serve} replays them at
 *                    start, resuming after its last stored bin); empty: none
 * @param live        the live sources, or null when none is configured
 * @param archives    replay by collector and time range, and the fetch settings of every archive use
 * @param bootstrap   {@code ris_live.bootstrap}: RIS collectors whose latest bview and update files since
 *                    are loaded before RIS Live is followed; empty: none
 * @param archivePoll collectors followed by polling their archive, or null
 */
public record Sources(List<Path> replay, CollectConfig live, ArchiveSources archives, List<String> bootstrap, ArchivePoll archivePoll) {
    public Sources {
        replay = List.copyOf(replay);
        bootstrap = List.copyOf(bootstrap);
        if (archives == null) archives = ArchiveSources.defaults();
    }

    public Sources(List<Path> replay, CollectConfig live) {
        this(replay, live, ArchiveSources.defaults(), List.of(), null);
    }

    public static Sources none() {
        return new Sources(List.of(), null);
    }

    /** Whether a live source runs: collector, BMP, RIS Live or an archive poll. */
    public boolean anyLive() {
        return live != null || archivePoll != null;
    }
}
