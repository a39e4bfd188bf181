package org.blackout.ingest.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RouteViews' layout: {@code YYYY.MM/UPDATES/updates.YYYYMMDD.HHMM.gz} and
 * {@code YYYY.MM/RIBS/rib.YYYYMMDD.HHMM.gz}, named by the start of the window in UTC.
 */
final class ArchiveNames {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd.HHmm").withZone(ZoneOffset.UTC);

    private ArchiveNames() {}

    static Path updates(Path root, long windowStartSeconds) {
        Instant t = Instant.ofEpochSecond(windowStartSeconds);
        return root.resolve(MONTH.format(t)).resolve("UPDATES").resolve("updates." + STAMP.format(t) + ".gz");
    }

    static Path rib(Path root, long windowStartSeconds) {
        Instant t = Instant.ofEpochSecond(windowStartSeconds);
        return root.resolve(MONTH.format(t)).resolve("RIBS").resolve("rib." + STAMP.format(t) + ".gz");
    }

    /** Start of the window of {@code intervalSeconds} holding {@code seconds}, aligned to the epoch (so to the hour). */
    static long window(long seconds, long intervalSeconds) {
        return Math.floorDiv(seconds, intervalSeconds) * intervalSeconds;
    }
}
