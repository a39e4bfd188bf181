package org.blackout.pipeline.source;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;

/**
 * {@code sources.archive_poll}: collectors without a live stream (RouteViews) as a live source, like
 * BGPStream's live mode: their latest RIB and the update files since are replayed into the pipeline
 * (the bootstrap), then the archive is asked every {@code poll} for update files that appeared
 * ({@link ArchiveFollow}). The pipeline is its own (its clock is the archive's, behind the wall
 * clock by an update interval or more) and is fed from one thread: {@link #run} until interrupted.
 */
public final class ArchivePolling {
    private final ArchiveSelection settings;
    private final Duration poll;
    private final PrintStream log;
    private volatile Map<String, Instant> last = Map.of();
    private volatile boolean bootstrapped;

    /** @param settings the collectors and how to fetch (its time range is replaced by now) */
    public ArchivePolling(ArchiveSelection settings, Duration poll, PrintStream log) {
        this.settings = settings;
        this.poll = poll;
        this.log = log;
    }

    /** The bootstrap: the RIB at or before {@code now} and the update files since, into {@code pipeline}. */
    public ArchiveFollow bootstrap(Pipeline pipeline, Instant now) throws IOException {
        ArchiveSelection sel = at(now);
        try (ArchiveReplay r = ArchiveReplay.start(sel, log)) {
            ReplayMerge merge = r.merge(pipeline::feedEvent);
            merge.run(pipeline);
            last = r.lastUpdateStart();
            log.println("archive_poll: bootstrapped " + sel.collectors() + " (" + merge.elements() + " elements; " + r.progress().summary()
                    + "); polling every " + org.blackout.core.config.Durations.format(poll));
        }
        bootstrapped = true;
        return new ArchiveFollow(sel, last, log);
    }

    /** Bootstraps, then polls until the thread is interrupted; the pipeline is finished at the end. */
    public void run(Pipeline pipeline) throws IOException {
        ArchiveFollow follow = bootstrap(pipeline, Instant.now());
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                int n = follow.poll(pipeline, Instant.now());
                last = follow.last();
                if (n > 0) log.println("archive_poll: " + n + " new files, last " + last);
            }
        } finally {
            pipeline.finish();
        }
    }

    private ArchiveSelection at(Instant now) {
        return new ArchiveSelection(settings.collectors(), now, now.plusSeconds(1), settings.archives(), settings.broker(), settings.cache(),
                settings.jobs(), settings.offline(), settings.timeout(), settings.attempts(), settings.backoff());
    }

    /** Whether the latest RIBs and the update files since are in. */
    public boolean bootstrapped() {
        return bootstrapped;
    }

    /** The collectors polled. */
    public java.util.List<String> collectors() {
        return settings.collectors();
    }

    /** Per collector, the start of the last update file applied. */
    public Map<String, Instant> last() {
        return last;
    }
}
