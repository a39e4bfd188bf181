package org.blackout.ingest.replay;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtDecodeException;

/**
 * Merges the route elements of several MRT files, from one or many collectors, into one stream in
 * time order, as BGPStream does: a k-way merge on each file's next element. Ties go to RIB dump
 * elements first (a dump describes the state at its time; updates stamped the same second come
 * after it), then to the file given first. Within one file the file's own order is kept.
 *
 * <p>Update files named as archives name them ({@code updates.YYYYMMDD.HHMM}) are opened only
 * {@link #OPEN_AHEAD_MICROS} before the time their name gives, so that a day of 96 files runs a few
 * decompressors at a time instead of starting 96 at once; each starts decompressing and decoding
 * {@link #START_AHEAD_MICROS} before that, and a file read to its end is closed. The
 * result is the merge of every file opened at the start as long as no file holds elements from
 * before its name's time minus that margin; one that does is reported and replayed late.
 */
public final class ReplayMerge {

    private final List<Path> files;
    private final List<String> collectors;
    private final List<Pending> pending;
    private Consumer<MrtDecodeException> errors = e -> System.err.println("replay: " + e.getMessage());
    /** Sources being read; a file's source is closed as soon as it ends (read for progress from other threads). */
    private final List<ElementSource> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long closedBytes;
    private int mostOpen;
    private int startedAhead;
    private long elements;
    private long skipped;

    /** Files with their collectors named by {@link ArchiveLayout#collectorOf}. */
    public ReplayMerge(List<Path> files) {
        this(files, files.stream().map(ArchiveLayout::collectorOf).toList());
    }

    public ReplayMerge(List<Path> files, List<String> collectors) {
        this(files, collectors, List.of());
    }

    /**
     * A file not at hand yet (being downloaded): it joins the merge, in the given order after the local
     * files, once the merge reaches {@code openAtMicros} (or runs dry), when {@code resolve} is called on
     * the merge's thread; it answers the file, or null when there is none (a data gap, reported by it).
     * A file that holds no element earlier than its {@code openAtMicros} merges exactly as if it had
     * been there from the start; its decoding starts when it joins, so only a few files decode at once.
     */
    public record Pending(String collector, long openAtMicros, Callable<Path> resolve) {}

    /** Local files first, then pending ones (ordered by when they open; ties keep the given order). */
    public ReplayMerge(List<Path> files, List<String> collectors, List<Pending> pending) {
        if (files.size() != collectors.size()) throw new IllegalArgumentException("one collector name per file");
        this.files = List.copyOf(files);
        this.collectors = List.copyOf(collectors);
        List<Pending> sorted = new ArrayList<>(pending);
        sorted.sort(java.util.Comparator.comparingLong(Pending::openAtMicros));
        this.pending = List.copyOf(sorted);
    }

    public ReplayMerge onError(Consumer<MrtDecodeException> errors) {
        this.errors = errors;
        return this;
    }

    /**
     * An update file opens this long before the time its name gives: the merge needs only its first
     * element, and the file is decompressed while the one before it is read.
     */
    static final long OPEN_AHEAD_MICROS = 15 * 60 * 1_000_000L;

    /**
     * A local file starts decoding this long before it joins the merge (a pending one, being
     * downloaded, when it joins).
     */
    static final long START_AHEAD_MICROS = 15 * 60 * 1_000_000L;

    /**
     * A file that joins the merge later; {@code order} breaks ties in time (the position it was given
     * at); {@code local} is the file when it is at hand already, null for a pending one.
     */
    private record Deferred(String collector, long openAtMicros, int order, Path local, Callable<Path> resolve) {}

    /** Runs the merge to the end, handing every element to the sink with the collector its file came from. */
    public void run(ElementSink sink) throws IOException {
        // several files decode at once (and the engine has threads of its own): one lbzip2 worker each
        // then, all of them for a single file
        int bzip2Workers = files.size() + pending.size() > 1 ? 1 : 0;
        PriorityQueue<ElementSource> queue = new PriorityQueue<>(ReplayMerge::compare);
        List<Deferred> deferred = deferred();
        long lastMicros = Long.MIN_VALUE;
        try {
            int atStart = files.size() - (int) deferred.stream().filter(d -> d.local() != null).count();
            for (int i = 0; i < files.size(); i++) {
                if (opensAt(files.get(i)) != Long.MIN_VALUE) continue;
                ElementSource s = opened(new ElementSource(files.get(i), collectors.get(i), i, errors, bzip2Workers,
                        ElementSource.eagerReadAheadChunks(atStart)));
                if (s.peek() != null) queue.add(s);
                else retire(s);
            }
            // The source being read stays out of the queue while its next element still comes first:
            // files of one collector follow each other in time, so most elements cost one comparison
            // instead of a heap's poll and add (a tenth of a day's replay, JFR). The order is total
            // (ties end at the file's position), so the merge is the same as polling every time.
            ElementSource s = null;
            int next = 0;
            int nextStart = 0;
            Map<Integer, ElementSource> started = new HashMap<>(); // by position in deferred
            while (true) {
                long head = next < deferred.size() ? head(s, queue) : Long.MAX_VALUE;
                while (next < deferred.size() && deferred.get(next).openAtMicros() <= head) {
                    Deferred d = deferred.get(next);
                    ElementSource f = started.remove(next++);
                    if (f != null) {
                        startedAhead++;
                    } else {
                        Path file = resolve(d);
                        if (file == null) continue;
                        f = opened(new ElementSource(file, d.collector(), d.order(), errors, bzip2Workers,
                                ElementSource.READ_AHEAD_CHUNKS));
                    }
                    Path file = f.file;
                    RouteElement first = f.peek();
                    if (first == null) {
                        retire(f);
                        continue;
                    }
                    if (first.timeMicros() < lastMicros) {
                        errors.accept(new MrtDecodeException(file.toString(), 0, "timestamp", "the file starts at "
                                + first.timeMicros() / 1_000_000 + ", earlier than its name says and than the "
                                + lastMicros / 1_000_000 + " already replayed; its elements are replayed late", true));
                    }
                    queue.add(f);
                    head = head(s, queue);
                }
                // a local file starts one margin before it joins, so that its first element is decoded
                // by then: joining waited for a decompressor's first block otherwise, ~45 ms a file
                // and 4 s of a day's 14 on the merge's thread. Only once something is merging: with
                // nothing (head at its maximum) every file would start at once.
                if (head != Long.MAX_VALUE) {
                    for (nextStart = Math.max(nextStart, next); nextStart < deferred.size()
                            && deferred.get(nextStart).openAtMicros() - START_AHEAD_MICROS <= head; nextStart++) {
                        Deferred d = deferred.get(nextStart);
                        if (d.local() != null) {
                            started.put(nextStart, opened(new ElementSource(d.local(), d.collector(), d.order(), errors,
                                    bzip2Workers, ElementSource.READ_AHEAD_CHUNKS)));
                        }
                    }
                }
                ElementSource top = queue.peek();
                if (s == null) {
                    s = queue.poll();
                } else if (top != null && compare(top, s) < 0) {
                    queue.add(s);
                    s = queue.poll();
                }
                if (s == null) break;
                RouteElement e = s.next();
                elements++;
                lastMicros = e.timeMicros();
                sink.accept(s.collector, e);
                if (s.peek() == null) {
                    retire(s);
                    s = null;
                }
            }
        } finally {
            for (ElementSource s : open) retire(s);
        }
    }

    private ElementSource opened(ElementSource s) {
        open.add(s);
        mostOpen = Math.max(mostOpen, open.size());
        return s;
    }

    /** A file read to its end (or the merge's end): its decoder and decompressor go. */
    private void retire(ElementSource s) throws IOException {
        skipped += s.skipped();
        closedBytes += s.offset(); // before it leaves the list: progress never steps back
        open.remove(s);
        s.close();
    }

    /** The most files decoding at once during {@link #run}: update files open shortly before their time. */
    int mostOpenAtOnce() {
        return mostOpen;
    }

    /** How many files joined the merge already decoding (started {@link #START_AHEAD_MICROS} before). */
    int startedAhead() {
        return startedAhead;
    }

    /**
     * Files that open later: local update files named by their interval's start (they open
     * {@link #OPEN_AHEAD_MICROS} before it, so a day of 96 files does not start 96 decompressors at
     * once), then the pending ones. Ordered by when they open; ties keep the given order.
     */
    private List<Deferred> deferred() {
        List<Deferred> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            long at = opensAt(files.get(i));
            Path f = files.get(i);
            if (at != Long.MIN_VALUE) out.add(new Deferred(collectors.get(i), at, i, f, () -> f));
        }
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            out.add(new Deferred(p.collector(), p.openAtMicros(), files.size() + k, null, p.resolve()));
        }
        out.sort(java.util.Comparator.comparingLong(Deferred::openAtMicros).thenComparingInt(Deferred::order));
        return out;
    }

    /**
     * When a local file joins: an update file named as archives name them, shortly before its
     * interval; anything else (a RIB, whose records may carry older times, or a file named otherwise)
     * at the start.
     */
    private static long opensAt(Path file) {
        return ArchiveLayout.parse(file.getFileName().toString())
                .filter(n -> n.kind() == ArchiveLayout.Kind.UPDATES)
                .map(n -> n.start().getEpochSecond() * 1_000_000L - OPEN_AHEAD_MICROS)
                .orElse(Long.MIN_VALUE);
    }

    /**
     * Where the merge stands: the time of the next element, or {@link Long#MAX_VALUE} when it has
     * nothing else to read (so every deferred file's time has come).
     */
    private static long head(ElementSource current, PriorityQueue<ElementSource> queue) throws IOException {
        long head = Long.MAX_VALUE;
        if (current != null) head = current.peek().timeMicros();
        if (!queue.isEmpty()) head = Math.min(head, queue.peek().peek().timeMicros());
        return head;
    }

    private static Path resolve(Deferred p) throws IOException {
        try {
            return p.resolve().call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for a " + p.collector() + " file");
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static int compare(ElementSource a, ElementSource b) {
        try {
            RouteElement x = a.peek(), y = b.peek();
            int c = Long.compare(x.timeMicros(), y.timeMicros());
            if (c != 0) return c;
            boolean rx = x.type() == ElementType.RIB, ry = y.type() == ElementType.RIB;
            if (rx != ry) return rx ? -1 : 1;
            return Integer.compare(a.order, b.order);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Decompressed bytes read so far over all files (for progress). */
    public long bytesRead() {
        long n = closedBytes;
        for (ElementSource s : open) n += s.offset();
        return n;
    }

    public long elements() {
        return elements;
    }

    /** Damaged records skipped over all files (valid after {@link #run}). */
    public long skipped() {
        return skipped;
    }

    /**
     * An estimate of the decompressed size of all files, for a progress bar: a gzip file's trailer
     * gives it (modulo 4 GiB), a plain file is its size, bzip2 and zstd are guessed at 5× their size.
     */
    public long estimatedBytes() throws IOException {
        long total = 0;
        for (Path f : files) total += estimatedSize(f);
        return total;
    }

    static long estimatedSize(Path f) throws IOException {
        long size = Files.size(f);
        byte[] magic = new byte[4];
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            return switch (MrtFiles.Compression.of(magic, Math.max(0, raf.read(magic)))) {
                case GZIP -> {
                    if (size < 8) yield size;
                    raf.seek(size - 4);
                    long isize = Integer.toUnsignedLong(Integer.reverseBytes(raf.readInt()));
                    if (isize < size && size > (1 << 20)) isize += 1L << 32; // a file over 4 GiB: good enough
                    yield isize;
                }
                case BZIP2, ZSTD -> size * 5;
                case NONE -> size;
            };
        }
    }
}
