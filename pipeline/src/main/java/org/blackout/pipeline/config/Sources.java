package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import org.blackout.ingest.config.CollectConfig;

/**
 * Where route elements come from ({@code sources:}): MRT files or directories to replay, and the
 * live sources (BGP collector, BMP station, RIS Live, with the MRT archive of what they receive).
 *
 * @param replay MRT files or directories ({@code replay} reads them, {@code serve} replays them at
 *               start, resuming after its last stored bin); empty: none
 * @param live   the live sources, or null when none is configured
 */
public record Sources(List<Path> replay, CollectConfig live) {
    public Sources {
        replay = List.copyOf(replay);
    }

    public static Sources none() {
        return new Sources(List.of(), null);
    }
}
