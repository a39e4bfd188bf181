package org.blackout.ingest.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches a plan's files with {@code jobs} downloads in parallel, in the plan's order, so they run
 * ahead of the replay that consumes them in the same order. Offline, only the cache answers and a
 * file missing from it is a gap.
 */
public final class Fetcher implements AutoCloseable {
    private final Downloader downloader;
    private final FileCache cache;
    private final boolean offline;
    private final ExecutorService pool;
    private final FetchProgress progress = new FetchProgress();

    public Fetcher(Downloader downloader, FileCache cache, int jobs, boolean offline) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1, not " + jobs);
        this.downloader = downloader;
        this.cache = cache;
        this.offline = offline;
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "fetch");
            t.setDaemon(true);
            return t;
        });
    }

    public FetchProgress progress() {
        return progress;
    }

    /** Starts fetching every file; the futures complete in any order, each with its file's result. */
    public List<CompletableFuture<FetchResult>> submit(List<RemoteFile> files) {
        progress.planned.addAndGet(files.size());
        List<CompletableFuture<FetchResult>> out = new ArrayList<>();
        for (RemoteFile f : files) out.add(CompletableFuture.supplyAsync(() -> fetch(f), pool));
        return out;
    }

    private FetchResult fetch(RemoteFile f) {
        FetchResult r;
        try {
            if (offline) {
                r = cache.lookup(f).<FetchResult>map(p -> new FetchResult.Ready(f, p, 0))
                        .orElseGet(() -> new FetchResult.Gap(f, "not in the cache (--offline): " + cache.entry(f)));
            } else {
                r = downloader.fetch(f, cache, progress.bytes::addAndGet);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = new FetchResult.Gap(f, "interrupted");
        }
        switch (r) {
            case FetchResult.Ready ready when ready.downloaded() > 0 -> progress.downloadedFiles.incrementAndGet();
            case FetchResult.Ready ready -> {
                progress.cachedFiles.incrementAndGet();
                try {
                    progress.cachedBytes.addAndGet(Files.size(ready.path()));
                } catch (IOException ignored) {
                    // only for the summary
                }
            }
            case FetchResult.Gap g -> { } // counted when reported, with the gaps the plan found
        }
        progress.fileDone();
        return r;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
