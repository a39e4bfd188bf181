package org.blackout.pipeline.source;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.fetch.FileCache;

/**
 * Which archived data a replay or a fetch reads: collectors and a time range, where the archives are,
 * and how to get their files. Filled by the command line ({@code --collectors --from --until --archive
 * --broker --cache --jobs --offline}); a configuration's {@code sources:} section fills the same record.
 *
 * @param archives base URL per project; a project not named uses its public archive
 * @param broker   a bgpkit broker to ask which files exist, or null (the archives' listings answer)
 * @param cache    the cache directory ({@link FileCache#defaultRoot()} by default)
 * @param timeout  for an answer and for each next byte of a download
 * @param attempts tries per file and URL before it is a gap
 * @param backoff  the wait after a first failure, doubled after each next one
 */
public record ArchiveSelection(List<String> collectors, Instant from, Instant until, Map<Project, URI> archives, URI broker,
        Path cache, int jobs, boolean offline, Duration timeout, int attempts, Duration backoff) {

    public ArchiveSelection {
        collectors = List.copyOf(collectors);
        archives = Map.copyOf(archives);
        if (collectors.isEmpty()) throw new IllegalArgumentException("no collector selected");
        if (from == null || until == null) throw new IllegalArgumentException("a time range needs --from and --until");
        if (!until.isAfter(from)) throw new IllegalArgumentException("--until " + until + " is not after --from " + from);
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1, not " + jobs);
    }

    /** The defaults: public archives, no broker, the user's cache, 4 jobs, online, 30 s timeout, 5 tries from 1 s. */
    public static ArchiveSelection of(List<String> collectors, Instant from, Instant until) {
        return new ArchiveSelection(collectors, from, until, Map.of(), null, FileCache.defaultRoot(), 4, false,
                Duration.ofSeconds(30), 5, Duration.ofSeconds(1));
    }

    /** The first wait after a failure: a thirtieth of the timeout, between 50 ms and 1 s. */
    public static Duration backoff(Duration timeout) {
        return Duration.ofMillis(Math.max(50, Math.min(1000, timeout.toMillis() / 30)));
    }

    /**
     * A time of a range: {@code 2021-10-04T15:00:00Z}, with an offset, without one (UTC), or a date (its
     * midnight UTC); an IllegalArgumentException names {@code what} (a flag or a key).
     */
    public static Instant time(String what, String s) {
        try {
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (s.endsWith("Z") || s.endsWith("z")) return Instant.parse(s.toUpperCase(Locale.ROOT));
            if (s.matches(".*[+-]\\d\\d:\\d\\d$")) return OffsetDateTime.parse(s).toInstant();
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a time (e.g. 2021-10-04T15:00:00Z)");
        }
    }

    public ArchiveSelection withArchives(Map<Project, URI> a) {
        return new ArchiveSelection(collectors, from, until, a, broker, cache, jobs, offline, timeout, attempts, backoff);
    }

    public ArchiveSelection withBroker(URI b) {
        return new ArchiveSelection(collectors, from, until, archives, b, cache, jobs, offline, timeout, attempts, backoff);
    }

    public ArchiveSelection withCache(Path c) {
        return new ArchiveSelection(collectors, from, until, archives, broker, c, jobs, offline, timeout, attempts, backoff);
    }

    public ArchiveSelection withJobs(int j) {
        return new ArchiveSelection(collectors, from, until, archives, broker, cache, j, offline, timeout, attempts, backoff);
    }

    public ArchiveSelection withOffline(boolean o) {
        return new ArchiveSelection(collectors, from, until, archives, broker, cache, jobs, o, timeout, attempts, backoff);
    }

    public ArchiveSelection withRetries(Duration t, int a, Duration b) {
        return new ArchiveSelection(collectors, from, until, archives, broker, cache, jobs, offline, t, a, b);
    }
}
