package org.blackout.pipeline.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.fetch.FileCache;
import org.blackout.pipeline.source.ArchiveSelection;

/**
 * {@code sources.archives}: archived data by collector and time range (what {@code replay --collectors
 * --from --until} selects), and how archive files are fetched, which the live sources' bootstrap
 * ({@code ris_live.bootstrap}) and {@code archive_poll} use too.
 *
 * <pre>
 * sources:
 *   archives:
 *     collectors: [rrc00, route-views2]   # empty: no replay by time range (the settings below still apply)
 *     from: 2021-10-04T15:00:00Z
 *     until: 2021-10-04T22:00:00Z         # with follow: may be left out (now)
 *     urls: {ris: https://data.ris.ripe.net/, routeviews: https://archive.routeviews.org/}
 *     broker: https://api.bgpkit.com/v3/broker   # optional
 *     cache: ~/.cache/blackout/archives
 *     jobs: 4
 *     offline: false
 *     timeout: 30s
 *     retries: 5
 *     follow: false                       # after the range, poll for new update files
 *     poll: 1m
 * </pre>
 *
 * @param urls  base URL per project; a project not named uses its public archive
 * @param until null only with {@code follow} (then: the time the run starts)
 */
public record ArchiveSources(List<String> collectors, Instant from, Instant until, Map<Project, URI> urls, URI broker, Path cache,
        int jobs, boolean offline, Duration timeout, int retries, boolean follow, Duration poll) {

    public static final int JOBS = 4, RETRIES = 5;
    public static final Duration TIMEOUT = Duration.ofSeconds(30), POLL = Duration.ofMinutes(1);

    public ArchiveSources {
        collectors = List.copyOf(collectors);
        // a project's public archive named explicitly is the default: one value, so printing reads back equal
        var u = new java.util.EnumMap<Project, URI>(Project.class);
        urls.forEach((p, b) -> {
            if (!b.equals(p.defaultBase())) u.put(p, b);
        });
        urls = Map.copyOf(u);
    }

    /** No collectors; public archives, the user's cache, the defaults of the command line. */
    public static ArchiveSources defaults() {
        return new ArchiveSources(List.of(), null, null, Map.of(), null, FileCache.defaultRoot(), JOBS, false, TIMEOUT, RETRIES, false, POLL);
    }

    /** Whether a replay by time range is configured. */
    public boolean selected() {
        return !collectors.isEmpty();
    }

    /** The replay by time range configured, {@code until} defaulting to {@code now} (with follow). */
    public ArchiveSelection selection(Instant now) {
        return fetching(collectors, from, until != null ? until : now);
    }

    /** These fetch settings for other collectors and times (a bootstrap, an archive poll). */
    public ArchiveSelection fetching(List<String> collectors, Instant from, Instant until) {
        return ArchiveSelection.of(collectors, from, until).withArchives(urls).withBroker(broker).withCache(cache).withJobs(jobs)
                .withOffline(offline).withRetries(timeout, retries, ArchiveSelection.backoff(timeout));
    }
}
