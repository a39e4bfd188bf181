package org.blackout.ingest.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets one archive file into the cache with the JDK's {@link HttpClient}. Timeouts (no answer, or no
 * byte for {@code timeout} while reading), connection resets and 5xx answers are retried with
 * exponential backoff; a partial download is resumed with an HTTP Range request. The size is checked
 * against Content-Length (or the index's exact size), the content by {@link MrtCheck}. A 404 tries
 * the file's next URL (an older layout); when none has it, or the file stays broken after the
 * retries, the file is a {@link FetchResult.Gap}.
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "download-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param timeout  how long to wait for an answer, and for each next byte of the body
     * @param attempts tries per URL before the file is a gap (at least 1)
     * @param backoff  the wait after the first failure, doubled after each next one
     */
    public Downloader(Duration timeout, int attempts, Duration backoff) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    public static Downloader defaults() {
        return new Downloader(Duration.ofSeconds(30), 5, Duration.ofSeconds(1));
    }

    /** The client, shared with the indexes that ask the same servers. */
    public HttpClient httpClient() {
        return client;
    }

    /** The file from the cache, or downloaded into it, or a gap; {@code progress} hears every byte count received. */
    public FetchResult fetch(RemoteFile f, FileCache cache, LongConsumer progress) throws InterruptedException {
        var cached = cache.lookup(f);
        if (cached.isPresent()) return new FetchResult.Ready(f, cached.get(), 0);
        Path part = cache.partial(f);
        try {
            Files.createDirectories(part.getParent());
        } catch (IOException e) {
            return new FetchResult.Gap(f, "cannot write the cache: " + e.getMessage());
        }
        String lastProblem = null;
        long received = 0;
        for (URI url : f.urls()) {
            boolean notFound = false;
            for (int attempt = 0; attempt < attempts; attempt++) {
                if (attempt > 0) Thread.sleep(backoff.toMillis() << Math.min(attempt - 1, 10));
                Attempt a = attempt(url, f, part, progress);
                received += a.bytes;
                switch (a.outcome) {
                    case DONE -> {
                        try {
                            Path e = cache.commit(f, part);
                            return new FetchResult.Ready(f, e, received);
                        } catch (IOException e) {
                            lastProblem = e.getMessage(); // broken content: the part is gone, the next try starts over
                        }
                    }
                    case NOT_FOUND -> notFound = true;
                    case RETRY -> lastProblem = a.problem;
                    case FAIL -> {
                        return new FetchResult.Gap(f, a.problem);
                    }
                }
                if (notFound) break;
            }
            if (!notFound) return new FetchResult.Gap(f, "still failing after " + attempts + " tries: " + lastProblem);
            lastProblem = "not in the archive (404): " + url;
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // a stale part is resumed or replaced later
        }
        return new FetchResult.Gap(f, lastProblem);
    }

    private enum Outcome { DONE, NOT_FOUND, RETRY, FAIL }

    private record Attempt(Outcome outcome, String problem, long bytes) {}

    private Attempt attempt(URI url, RemoteFile f, Path part, LongConsumer progress) throws InterruptedException {
        long have = 0;
        try {
            have = Files.exists(part) ? Files.size(part) : 0;
        } catch (IOException ignored) {
            // start over
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (have > 0) rb.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> response;
        try {
            response = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new Attempt(Outcome.RETRY, url + ": no answer within " + timeout.toSeconds() + " s", 0);
        } catch (IOException e) {
            return new Attempt(Outcome.RETRY, url + ": " + e, 0);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 404 || status == 410) return new Attempt(Outcome.NOT_FOUND, url + ": HTTP " + status, 0);
            if (status == 416) { // the part is longer than the file: it changed; start over
                Files.deleteIfExists(part);
                return new Attempt(Outcome.RETRY, url + ": HTTP 416 resuming at " + have, 0);
            }
            if (status >= 500 || status == 429 || status == 408) return new Attempt(Outcome.RETRY, url + ": HTTP " + status, 0);
            if (status != 200 && status != 206) return new Attempt(Outcome.FAIL, url + ": HTTP " + status, 0);
            long expected;
            boolean append = status == 206;
            if (append) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    Files.deleteIfExists(part);
                    return new Attempt(Outcome.RETRY, url + ": unusable Content-Range " + response.headers().firstValue("Content-Range"), 0);
                }
                expected = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else {
                long len = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                expected = len;
            }
            if (expected < 0) expected = f.exactSize();
            else if (f.exactSize() >= 0 && expected != f.exactSize()) {
                return new Attempt(Outcome.RETRY, url + ": the server says " + expected + " bytes, the index " + f.exactSize(), 0);
            }
            long got = copy(body, part, append, progress);
            long size = Files.size(part);
            if (expected >= 0 && size != expected) {
                if (size > expected) Files.deleteIfExists(part);
                return new Attempt(Outcome.RETRY, url + ": " + size + " of " + expected + " bytes", got);
            }
            return new Attempt(Outcome.DONE, null, got);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            return new Attempt(Outcome.RETRY, url + ": " + e, 0);
        } catch (IOException e) {
            return new Attempt(Outcome.RETRY, url + ": " + e.getMessage(), 0);
        }
    }

    /** Copies the body to the part file; a body that stalls for {@code timeout} is closed (the read then fails). */
    private long copy(InputStream body, Path part, boolean append, LongConsumer progress) throws IOException {
        AtomicLong last = new AtomicLong(System.nanoTime());
        long[] n = {0};
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - last.get() > timeout.toNanos()) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reader fails either way
                }
            }
        }, timeout.toMillis() / 4 + 1, timeout.toMillis() / 4 + 1, TimeUnit.MILLISECONDS);
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = body.read(buf)) >= 0; ) {
                out.write(buf, 0, r);
                n[0] += r;
                last.set(System.nanoTime());
                if (progress != null) progress.accept(r);
            }
        } catch (IOException e) {
            if (System.nanoTime() - last.get() > timeout.toNanos()) {
                throw new IOException("no data for " + timeout.toSeconds() + " s after " + n[0] + " bytes", e);
            }
            throw new IOException(e.getMessage() + " after " + n[0] + " bytes", e);
        } finally {
            guard.cancel(false);
        }
        return n[0];
    }
}
