package org.blackout.pipeline.source;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.blackout.core.engine.FeedEvent;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.CollectorCatalog;
import org.blackout.ingest.fetch.ArchiveIndex;
import org.blackout.ingest.fetch.ArchivePlan;
import org.blackout.ingest.fetch.BrokerIndex;
import org.blackout.ingest.fetch.CacheIndex;
import org.blackout.ingest.fetch.DataGap;
import org.blackout.ingest.fetch.Downloader;
import org.blackout.ingest.fetch.FetchProgress;
import org.blackout.ingest.fetch.FetchResult;
import org.blackout.ingest.fetch.Fetcher;
import org.blackout.ingest.fetch.FileCache;
import org.blackout.ingest.fetch.ListingIndex;
import org.blackout.ingest.fetch.RemoteFile;
import org.blackout.ingest.replay.ReplayMerge;

/**
 * A replay by collector and time range: plans the files ({@link ArchivePlan}), starts fetching them
 * ({@link Fetcher}, {@code jobs} ahead), and hands the replay a {@link ReplayMerge} whose files join
 * as the merge reaches their interval, waiting for a download only when it has not finished yet.
 * Every data gap (planned, or found when a file could not be had) is reported on stderr and as a
 * {@link FeedEvent.Kind#DATA_GAP} feed event at its time, and the replay goes on.
 */
public final class ArchiveReplay implements AutoCloseable {
    private final ArchiveSelection selection;
    private final ArchivePlan plan;
    private final Fetcher fetcher;
    private final List<CompletableFuture<FetchResult>> results;
    private final List<DataGap> gaps = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream err;

    ArchiveReplay(ArchiveSelection selection, ArchivePlan plan, Fetcher fetcher, PrintStream err) {
        this.selection = selection;
        this.plan = plan;
        this.fetcher = fetcher;
        this.err = err;
        this.results = fetcher.submit(plan.files());
    }

    /** Plans the selection and starts the downloads. */
    public static ArchiveReplay start(ArchiveSelection sel, PrintStream err) throws IOException {
        List<Collector> collectors = CollectorCatalog.resolve(sel.collectors());
        FileCache cache = new FileCache(sel.cache());
        Downloader downloader = new Downloader(sel.timeout(), sel.attempts(), sel.backoff());
        ArchivePlan plan = ArchivePlan.of(index(sel, cache, downloader), collectors, sel.from(), sel.until());
        return new ArchiveReplay(sel, plan, new Fetcher(downloader, cache, sel.jobs(), sel.offline()), err);
    }

    /** Where the selection learns which files exist: the cache offline, else the broker or the archives' listings. */
    static ArchiveIndex index(ArchiveSelection sel, FileCache cache, Downloader downloader) {
        return sel.offline() ? new CacheIndex(cache, sel.archives())
                : sel.broker() != null ? new BrokerIndex(sel.broker(), downloader.httpClient(), sel.timeout())
                : new ListingIndex(sel.archives(), downloader.httpClient(), sel.timeout());
    }

    public ArchivePlan plan() {
        return plan;
    }

    public FetchProgress progress() {
        return fetcher.progress();
    }

    /** Every gap reported so far. */
    public List<DataGap> gaps() {
        return List.copyOf(gaps);
    }

    /**
     * The merge over the plan's files; {@code feed} hears each gap's feed event on the merge's thread, in
     * data order (the pipeline's {@code feedEvent}). A file joins one update interval before its start, so
     * stamps that drift a little early still merge in time order.
     */
    public ReplayMerge merge(Consumer<FeedEvent> feed) {
        List<ReplayMerge.Pending> pending = new ArrayList<>();
        for (DataGap g : plan.gaps()) {
            pending.add(new ReplayMerge.Pending(g.collector(), micros(g.from()), () -> {
                report(g, feed);
                return null;
            }));
        }
        for (int i = 0; i < plan.files().size(); i++) {
            RemoteFile f = plan.files().get(i);
            CompletableFuture<FetchResult> result = results.get(i);
            long openAt = micros(f.start().minus(f.collector().updatesInterval()));
            pending.add(new ReplayMerge.Pending(f.collector().name(), openAt, () -> {
                FetchResult r;
                try {
                    r = result.get();
                } catch (ExecutionException e) {
                    r = new FetchResult.Gap(f, String.valueOf(e.getCause()));
                }
                return switch (r) {
                    case FetchResult.Ready ready -> ready.path();
                    case FetchResult.Gap gap -> {
                        report(DataGap.of(gap), feed);
                        yield null;
                    }
                };
            }));
        }
        return new ReplayMerge(List.of(), List.of(), pending);
    }

    /**
     * Per collector, the end of the last update interval read from the archive (the RIB's time when no
     * update file was read); valid once the merge has run. Data from then on is not in the archive.
     */
    public java.util.Map<String, Instant> coveredUntil() {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        for (int i = 0; i < plan.files().size(); i++) {
            RemoteFile f = plan.files().get(i);
            CompletableFuture<FetchResult> r = results.get(i);
            if (!r.isDone() || r.isCompletedExceptionally() || !(r.join() instanceof FetchResult.Ready)) continue;
            Instant end = f.start().plus(f.interval());
            out.merge(f.collector().name(), end, (a, b) -> a.isAfter(b) ? a : b);
        }
        return out;
    }

    /** Per collector, the start of the last update file read from the archive; valid once the merge has run. */
    public java.util.Map<String, Instant> lastUpdateStart() {
        java.util.Map<String, Instant> out = new java.util.HashMap<>();
        for (int i = 0; i < plan.files().size(); i++) {
            RemoteFile f = plan.files().get(i);
            CompletableFuture<FetchResult> r = results.get(i);
            if (f.kind() != org.blackout.ingest.catalog.ArchiveLayout.Kind.UPDATES || !r.isDone() || r.isCompletedExceptionally()
                    || !(r.join() instanceof FetchResult.Ready)) continue;
            out.merge(f.collector().name(), f.start(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return out;
    }

    /** Only fills the cache: waits for every file and reports the gaps (for {@code blackout fetch}). */
    public List<FetchResult> fetchAll() throws InterruptedException {
        for (DataGap g : plan.gaps()) report(g, null);
        List<FetchResult> out = new ArrayList<>();
        for (CompletableFuture<FetchResult> f : results) {
            try {
                FetchResult r = f.get();
                if (r instanceof FetchResult.Gap g) report(DataGap.of(g), null);
                out.add(r);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private void report(DataGap g, Consumer<FeedEvent> feed) {
        gaps.add(g);
        fetcher.progress().gap();
        err.println("data gap: " + g);
        if (feed != null) {
            feed.accept(new FeedEvent(g.from(), FeedEvent.collectorWide(g.collector()), FeedEvent.Kind.DATA_GAP, 0,
                    g.kind() + " " + g.from() + "–" + g.until() + ": " + g.reason()));
        }
    }

    /** Where the replay's signals start; what comes before is warm-up. */
    public Instant from() {
        return selection.from();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** The cache path of each file that is ready, for tests and {@code fetch}. */
    public static List<Path> paths(List<FetchResult> results) {
        return results.stream().filter(r -> r instanceof FetchResult.Ready).map(r -> ((FetchResult.Ready) r).path()).toList();
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
