package org.blackout.ingest.fetch;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;

/** What files a collector's archive holds. */
public interface ArchiveIndex {

    /** The collector's files of {@code kind} whose interval starts in [{@code from}, {@code until}), by start. */
    List<RemoteFile> files(Collector c, ArchiveLayout.Kind kind, Instant from, Instant until) throws IOException;

    /**
     * Whether the answer lists only files that exist (a listing, the broker, the cache), so a missing
     * interval is a gap at once; else (names from the layout alone) gaps show when a download fails.
     */
    boolean knowsExistence();

    /** How reports name where files are missing from: {@code the archive}, {@code the cache}. */
    default String where() {
        return "the archive";
    }
}
