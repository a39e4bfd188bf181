package org.blackout.ingest.fetch;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of a fetch for the progress line and the summary: files done of planned, bytes downloaded,
 * rate and ETA (from the files left at the rate so far); files from the cache and gaps.
 */
public final class FetchProgress {
    private final long startNanos = System.nanoTime();
    private volatile long lastNanos = startNanos;
    final AtomicLong planned = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong downloadedFiles = new AtomicLong();
    final AtomicLong cachedFiles = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong cachedBytes = new AtomicLong();

    public long downloadedFiles() {
        return downloadedFiles.get();
    }

    public long cachedFiles() {
        return cachedFiles.get();
    }

    public long gaps() {
        return gaps.get();
    }

    /** Bytes received over the network in this run. */
    public long bytes() {
        return bytes.get();
    }

    /** Sizes of the files found in the cache. */
    public long cachedBytes() {
        return cachedBytes.get();
    }

    /** Counts a data gap (planned or found by a download). */
    public void gap() {
        gaps.incrementAndGet();
    }

    void fileDone() {
        lastNanos = System.nanoTime();
        done.incrementAndGet();
    }

    /** {@code fetch: 12/84 files, 153.2 MiB, 12.3 MiB/s, ETA 1m10s}. */
    public String line() {
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long d = done.get(), p = planned.get();
        double rate = bytes.get() / secs;
        String eta = d == 0 || d >= p ? "" : ", ETA " + duration((long) (secs / d * (p - d)));
        return String.format(Locale.ROOT, "fetch: %d/%d files, %.1f MiB, %.1f MiB/s%s", d, p, bytes.get() / 1048576.0,
                rate / 1048576.0, eta);
    }

    /** {@code fetch: 12 files (10 downloaded, 2 from the cache), 1 gap, 153.2 MiB downloaded in 12.5 s}. */
    public String summary() {
        double secs = (lastNanos - startNanos) / 1e9;
        return String.format(Locale.ROOT, "fetch: %d files (%d downloaded, %d from the cache), %d %s, %.1f MiB downloaded in %.1f s",
                downloadedFiles.get() + cachedFiles.get(), downloadedFiles.get(), cachedFiles.get(), gaps.get(),
                gaps.get() == 1 ? "gap" : "gaps", bytes.get() / 1048576.0, secs);
    }

    /** Rewrites the progress line in place on {@code err} (a terminal) until the returned handle is closed. */
    public AutoCloseable show(PrintStream err) {
        Thread t = Thread.ofPlatform().daemon().name("fetch-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    err.print("\r" + line() + "   ");
                    err.flush();
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        return () -> {
            t.interrupt();
            t.join();
            err.print("\r" + " ".repeat(line().length() + 3) + "\r");
            err.flush();
        };
    }

    private static String duration(long s) {
        return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
