package org.blackout.ingest.fetch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.catalog.Collector;

/**
 * The files a replay of collectors from {@code from} to {@code until} needs: per collector the latest
 * RIB at or before {@code from} (the state is built from it and the updates after it, as a warm-up),
 * then every update file whose interval starts before {@code until}, from the one holding the RIB's
 * time (or {@code from} without a RIB) on. Intervals the index shows missing are gaps at once.
 *
 * @param files by collector, each collector's RIB first, then its update files by start
 * @param gaps  what the index already shows missing
 */
public record ArchivePlan(List<RemoteFile> files, List<DataGap> gaps, Instant from, Instant until) {

    /** RIBs are searched this many RIB intervals back, so one missing dump does not lose the RIB. */
    private static final int RIB_LOOKBACK = 2;

    /**
     * The update files that appeared after {@code after} (per collector, the start of the last file read),
     * up to {@code until}: the next round of a followed archive. A hole between them is a gap; the newest
     * interval not published yet is not.
     */
    public static ArchivePlan next(ArchiveIndex index, List<Collector> collectors, java.util.Map<String, Instant> after, Instant until)
            throws IOException {
        List<RemoteFile> files = new ArrayList<>();
        List<DataGap> gaps = new ArrayList<>();
        Instant earliest = until;
        for (Collector c : collectors) {
            Instant last = after.get(c.name());
            if (last == null) continue;
            if (last.isBefore(earliest)) earliest = last;
            Duration u = c.updatesInterval();
            Instant cursor = last.plus(u);
            for (RemoteFile f : index.files(c, ArchiveLayout.Kind.UPDATES, last.plusSeconds(1), until)) {
                if (index.knowsExistence() && Duration.between(cursor, f.start()).compareTo(u.dividedBy(2)) > 0) {
                    gaps.add(new DataGap(c.name(), ArchiveLayout.Kind.UPDATES, cursor, f.start(), "no update file in " + index.where()));
                }
                files.add(f);
                Instant end = f.start().plus(u);
                if (end.isAfter(cursor)) cursor = end;
            }
        }
        return new ArchivePlan(List.copyOf(files), List.copyOf(gaps), earliest, until);
    }

    public static ArchivePlan of(ArchiveIndex index, List<Collector> collectors, Instant from, Instant until) throws IOException {
        if (!until.isAfter(from)) throw new IllegalArgumentException("--until " + until + " is not after --from " + from);
        List<RemoteFile> files = new ArrayList<>();
        List<DataGap> gaps = new ArrayList<>();
        for (Collector c : collectors) {
            Duration r = c.ribInterval(), u = c.updatesInterval();
            List<RemoteFile> ribs = index.files(c, ArchiveLayout.Kind.RIB, from.minus(r.multipliedBy(RIB_LOOKBACK)), from.plusSeconds(1));
            RemoteFile rib = ribs.isEmpty() ? null : ribs.get(ribs.size() - 1);
            if (!index.knowsExistence() && rib != null) rib = ribs.stream().filter(f -> !f.start().isAfter(from))
                    .max(Comparator.comparing(RemoteFile::start)).orElse(null);
            Instant warm = rib != null ? rib.start() : from;
            if (rib != null) files.add(rib);
            else gaps.add(new DataGap(c.name(), ArchiveLayout.Kind.RIB, from.minus(r.multipliedBy(RIB_LOOKBACK)), from,
                    "no RIB at or before " + from + " in " + index.where() + ": the tables are learned from the updates"));
            // the update file holding `warm` may start up to one interval before it (historic stamps drift)
            List<RemoteFile> updates = index.files(c, ArchiveLayout.Kind.UPDATES, warm.minus(u).plusSeconds(1), until);
            Instant cursor = warm;
            for (RemoteFile f : updates) {
                if (index.knowsExistence() && Duration.between(cursor, f.start()).compareTo(u.dividedBy(2)) > 0) {
                    gaps.add(new DataGap(c.name(), ArchiveLayout.Kind.UPDATES, cursor, f.start(), "no update file in " + index.where()));
                }
                files.add(f);
                Instant end = f.start().plus(u);
                if (end.isAfter(cursor)) cursor = end;
            }
            if (index.knowsExistence() && Duration.between(cursor, until).compareTo(u.dividedBy(2)) > 0) {
                gaps.add(new DataGap(c.name(), ArchiveLayout.Kind.UPDATES, cursor, until, "no update file in " + index.where()));
            }
        }
        return new ArchivePlan(List.copyOf(files), List.copyOf(gaps), from, until);
    }
}
