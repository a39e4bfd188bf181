package org.blackout.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.Project;

/**
 * Names every file a collector should have written, at its nominal intervals aligned to the hour,
 * without asking anyone whether it exists (a missing one is a 404, so a gap, when fetched).
 */
public final class LayoutIndex implements ArchiveIndex {
    /** More names than this (a year of RIS updates) without a listing is a mistake, not a plan. */
    static final long MAX_NAMED = 110_000;

    private final Map<Project, URI> bases;

    public LayoutIndex(Map<Project, URI> bases) {
        this.bases = Map.copyOf(bases);
    }

    @Override
    public List<RemoteFile> files(Collector c, ArchiveLayout.Kind kind, Instant from, Instant until) {
        Duration step = kind == ArchiveLayout.Kind.RIB ? c.ribInterval() : c.updatesInterval();
        long s = step.toSeconds();
        if ((until.getEpochSecond() - from.getEpochSecond()) / s > MAX_NAMED) {
            throw new IllegalArgumentException("the archive of " + c.name() + " lists no files, and naming every " + step.toMinutes()
                    + "-minute interval from " + from + " to " + until + " is more than " + MAX_NAMED + " files: use a shorter range or --broker");
        }
        long t = ArchiveLayout.window(from.getEpochSecond(), s);
        if (t < from.getEpochSecond()) t += s;
        List<RemoteFile> out = new ArrayList<>();
        for (; t < until.getEpochSecond(); t += s) out.add(file(bases, c, kind, Instant.ofEpochSecond(t), c.project().suffix(), -1));
        return out;
    }

    @Override
    public boolean knowsExistence() {
        return false;
    }

    /** The file of {@code c} at {@code start} under the project's base URL, with its older layouts after. */
    static RemoteFile file(Map<Project, URI> bases, Collector c, ArchiveLayout.Kind kind, Instant start, String suffix, long size) {
        URI base = base(bases, c.project());
        List<String> paths = ArchiveLayout.remotePaths(c, kind, start, suffix);
        List<URI> urls = paths.stream().map(base::resolve).toList();
        return new RemoteFile(c, kind, start, urls, c.project().id() + "/" + paths.get(0), size);
    }

    /** The base URL of a project, ending in '/' so relative paths resolve under it. */
    static URI base(Map<Project, URI> bases, Project p) {
        URI b = bases.getOrDefault(p, p.defaultBase());
        String s = b.toString();
        return s.endsWith("/") ? b : URI.create(s + "/");
    }
}
