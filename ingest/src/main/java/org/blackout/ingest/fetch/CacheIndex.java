package org.blackout.ingest.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.Project;

/** Offline: the files the cache holds, found where the cache keeps them ({@code <project>/<path in the archive>}). */
public final class CacheIndex implements ArchiveIndex {
    private final FileCache cache;
    private final Map<Project, URI> bases;

    public CacheIndex(FileCache cache, Map<Project, URI> bases) {
        this.cache = cache;
        this.bases = Map.copyOf(bases);
    }

    @Override
    public List<RemoteFile> files(Collector c, ArchiveLayout.Kind kind, Instant from, Instant until) throws IOException {
        List<RemoteFile> out = new ArrayList<>();
        YearMonth m = YearMonth.from(from.atOffset(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(until.minusSeconds(1).atOffset(ZoneOffset.UTC));
        for (; !m.isAfter(last); m = m.plusMonths(1)) {
            Path dir = cache.root().resolve(c.project().id()).resolve(ArchiveLayout.monthDirectories(c, kind, m).get(0));
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    ArchiveLayout.parse(p.getFileName().toString())
                            .filter(n -> n.kind() == kind && !n.start().isBefore(from) && n.start().isBefore(until))
                            .ifPresent(n -> out.add(LayoutIndex.file(bases, c, kind, n.start(), n.suffix(), -1)));
                }
            }
        }
        out.sort(Comparator.comparing(RemoteFile::start));
        return out;
    }

    @Override
    public String where() {
        return "the cache (--offline)";
    }

    @Override
    public boolean knowsExistence() {
        return true;
    }
}
