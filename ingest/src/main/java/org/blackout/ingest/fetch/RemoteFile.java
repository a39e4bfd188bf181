package org.blackout.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;

/**
 * One archive file a replay needs.
 *
 * @param urls      where to get it, the preferred first (older layouts after)
 * @param cachePath its path in the cache, {@code <project>/<path in the archive>}
 * @param exactSize its size in bytes when an index said so, else -1
 */
public record RemoteFile(Collector collector, ArchiveLayout.Kind kind, Instant start, List<URI> urls, String cachePath,
        long exactSize) {

    public RemoteFile {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) throw new IllegalArgumentException("no URL for " + cachePath);
    }

    /** The file's nominal interval: a RIB is an instant, an update file its collector's update interval. */
    public Duration interval() {
        return kind == ArchiveLayout.Kind.RIB ? Duration.ZERO : collector.updatesInterval();
    }

    public String name() {
        return cachePath.substring(cachePath.lastIndexOf('/') + 1);
    }

    /** {@code route-views2 updates 2008-02-21T00:00Z}: how reports name it. */
    public String describe() {
        return collector.name() + " " + (kind == ArchiveLayout.Kind.RIB ? "RIB " + start
                : "updates " + start + "–" + start.plus(interval()));
    }
}
