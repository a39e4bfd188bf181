package org.blackout.ingest.fetch;

import java.time.Instant;
import org.blackout.ingest.catalog.ArchiveLayout;

/**
 * A stretch of a collector's data that the replay does without: a file the archive does not have, one
 * that stayed broken, or one missing from the cache offline. A gap in the data, never an outage.
 */
public record DataGap(String collector, ArchiveLayout.Kind kind, Instant from, Instant until, String reason) {

    public static DataGap of(FetchResult.Gap g) {
        RemoteFile f = g.file();
        return new DataGap(f.collector().name(), f.kind(), f.start(), f.start().plus(f.interval()), g.reason());
    }

    @Override
    public String toString() {
        return collector + " " + (kind == ArchiveLayout.Kind.RIB ? "RIB " : "updates ") + from + "–" + until
                + ": " + reason;
    }
}
