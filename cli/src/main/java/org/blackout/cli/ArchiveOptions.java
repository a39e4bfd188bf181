package org.blackout.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.fetch.FileCache;
import org.blackout.pipeline.source.ArchiveSelection;
import picocli.CommandLine.Option;

/** The archive selection of {@code replay} and {@code fetch}: collectors, time range, where and how to get the files. */
final class ArchiveOptions {

    @Option(names = "--collectors", split = ",", paramLabel = "NAME",
            description = "Collectors to read from the public archives (rrc00, route-views2, ...; see `blackout collectors`).")
    List<String> collectors;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the range (UTC, e.g. 2021-10-04T15:00:00Z); "
            + "the RIB at or before it and the updates after the RIB build the state without output.")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "End of the range: update files whose interval starts before it are read.")
    String until;

    @Option(names = "--archive", paramLabel = "PROJECT=URL",
            description = "Base URL of a project's archive (ris=https://data.ris.ripe.net/, routeviews=https://archive.routeviews.org/), e.g. a mirror.")
    Map<String, URI> archives;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Ask a bgpkit broker (its /search API) which files exist, instead of the archives' directory listings.")
    URI broker;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache directory (default: $XDG_CACHE_HOME/blackout/archives or ~/.cache/blackout/archives).")
    Path cache;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4", description = "Parallel downloads, running ahead of the replay (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--offline", description = "Use the cache only: no network; files missing from it are reported as gaps.")
    boolean offline;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for an answer, and for each next byte of a download (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Tries per file on timeouts, resets and 5xx before it is a data gap (default ${DEFAULT-VALUE}).")
    int retries;

    boolean selected() {
        return collectors != null && !collectors.isEmpty();
    }

    /** The selection the flags describe; a bad value is an IllegalArgumentException naming its flag. */
    ArchiveSelection selection() {
        if (from == null || until == null) throw new IllegalArgumentException("--collectors needs --from and --until");
        Map<Project, URI> bases = new EnumMap<>(Project.class);
        if (archives != null) archives.forEach((k, v) -> bases.put(Project.of(k), v));
        var t = org.blackout.core.config.Durations.parse(timeout);
        return ArchiveSelection.of(collectors, time("--from", from), time("--until", until)).withArchives(bases)
                .withBroker(broker).withCache(cache != null ? cache : FileCache.defaultRoot()).withJobs(jobs)
                .withOffline(offline).withRetries(t, retries, ArchiveSelection.backoff(t));
    }

    /** {@code 2021-10-04T15:00:00Z}, with an offset, without one (UTC), or a date (its midnight UTC). */
    static Instant time(String flag, String s) {
        return ArchiveSelection.time(flag, s);
    }
}
