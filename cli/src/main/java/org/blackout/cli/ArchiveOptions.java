package org.blackout.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.catalog.Project;
import org.blackout.pipeline.config.ArchiveSources;
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

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel downloads, running ahead of the replay (default 4, or sources.archives.jobs).")
    Integer jobs;

    @Option(names = "--offline", description = "Use the cache only: no network; files missing from it are reported as gaps.")
    boolean offline;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long to wait for an answer, and for each next byte of a download (default 30s, or sources.archives.timeout).")
    String timeout;

    @Option(names = "--retries", paramLabel = "N",
            description = "Tries per file on timeouts, resets and 5xx before it is a data gap (default 5, or sources.archives.retries).")
    Integer retries;

    /** Whether the flags select collectors (the configuration's sources.archives may too: {@link #selected(ArchiveSources)}). */
    boolean selected() {
        return collectors != null && !collectors.isEmpty();
    }

    /** Whether the flags or {@code base} (a configuration's sources.archives) select collectors. */
    boolean selected(ArchiveSources base) {
        return selected() || base.selected();
    }

    /** The selection the flags describe; a bad value is an IllegalArgumentException naming its flag. */
    ArchiveSelection selection() {
        return selection(ArchiveSources.defaults(), Instant.now());
    }

    /**
     * The flags over a configuration's {@code sources.archives}: each flag given replaces its key, archive
     * URLs are merged per project; {@code until} left out with follow is {@code now}.
     */
    ArchiveSelection selection(ArchiveSources base, Instant now) {
        ArchiveSources b = settings(base);
        if (b.collectors().isEmpty()) throw new IllegalArgumentException("no collector selected (--collectors)");
        if (b.from() == null || b.until() == null && !b.follow()) throw new IllegalArgumentException("--collectors needs --from and --until");
        return b.selection(now);
    }

    /** {@code base} with the flags given replacing its keys (no check that anything is selected). */
    ArchiveSources settings(ArchiveSources base) {
        Map<Project, URI> bases = new EnumMap<>(Project.class);
        bases.putAll(base.urls());
        if (archives != null) archives.forEach((k, v) -> bases.put(Project.of(k), v));
        java.time.Duration t = timeout != null ? org.blackout.core.config.Durations.parse(timeout) : base.timeout();
        if (t.isZero()) throw new IllegalArgumentException("--timeout must be more than 0");
        boolean flags = selected();
        Instant f = from != null ? time("--from", from) : flags ? null : base.from();
        Instant u = until != null ? time("--until", until) : flags ? null : base.until();
        return new ArchiveSources(flags ? collectors : base.collectors(), f, u, bases, broker != null ? broker : base.broker(),
                cache != null ? cache : base.cache(), jobs != null ? jobs : base.jobs(), offline || base.offline(), t,
                retries != null ? retries : base.retries(), base.follow(), base.poll());
    }

    /** {@code 2021-10-04T15:00:00Z}, with an offset, without one (UTC), or a date (its midnight UTC). */
    static Instant time(String flag, String s) {
        return ArchiveSelection.time(flag, s);
    }
}
