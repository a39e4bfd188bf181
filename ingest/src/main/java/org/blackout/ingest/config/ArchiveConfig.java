package org.blackout.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The MRT archive: a directory, the update-file rotation interval (RouteViews: 15 min) and the
 * RIB snapshot interval (RouteViews: 2 h). Files are gzip-compressed.
 */
public record ArchiveConfig(Path directory, Duration updatesInterval, Duration ribInterval) {
    public static final Duration DEFAULT_UPDATES = Duration.ofMinutes(15), DEFAULT_RIB = Duration.ofHours(2);
}
