package org.blackout.pipeline.source;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.catalog.CollectorCatalog;
import org.blackout.ingest.fetch.ArchivePlan;
import org.blackout.ingest.fetch.Downloader;
import org.blackout.ingest.fetch.Fetcher;
import org.blackout.ingest.fetch.FileCache;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;

/**
 * Follows an archive as it grows, for collectors without a live stream (RouteViews), as BGPStream's
 * live mode does: after a replay up to now, each {@link #poll} asks the archive (afresh: listings
 * change) for the update files that appeared after the last one read per collector and replays them
 * into the pipeline. The pipeline's clock is the data's, so bins close as files arrive.
 */
public final class ArchiveFollow {
    private final ArchiveSelection selection;
    private final PrintStream err;
    private final Map<String, Instant> last = new HashMap<>();
    private long elements;

    /** @param after per collector, the start of the last update file read (from {@link ArchiveReplay#lastUpdateStart()}) */
    public ArchiveFollow(ArchiveSelection selection, Map<String, Instant> after, PrintStream err) {
        this.selection = selection;
        this.err = err;
        this.last.putAll(after);
    }

    /** One round: replays the files that appeared up to {@code now} into the pipeline (not finishing it); returns how many. */
    public int poll(Pipeline pipeline, Instant now) throws IOException {
        FileCache cache = new FileCache(selection.cache());
        Downloader downloader = new Downloader(selection.timeout(), selection.attempts(), selection.backoff());
        ArchivePlan plan = ArchivePlan.next(ArchiveReplay.index(selection, cache, downloader),
                CollectorCatalog.resolve(selection.collectors()), last, now);
        if (plan.files().isEmpty() && plan.gaps().isEmpty()) return 0;
        try (ArchiveReplay round = new ArchiveReplay(selection, plan, new Fetcher(downloader, cache, selection.jobs(), selection.offline()), err)) {
            ReplayMerge merge = round.merge(pipeline::feedEvent);
            merge.run(pipeline);
            elements += merge.elements();
            round.lastUpdateStart().forEach((c, t) -> last.merge(c, t, (a, b) -> a.isAfter(b) ? a : b));
            return plan.files().size();
        }
    }

    /** Per collector, the start of the last update file read so far. */
    public Map<String, Instant> last() {
        return Map.copyOf(last);
    }

    public long elements() {
        return elements;
    }

    /** The collectors followed. */
    public List<String> collectors() {
        return selection.collectors();
    }
}
