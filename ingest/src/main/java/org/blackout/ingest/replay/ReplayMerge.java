package org.blackout.ingest.replay;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtDecodeException;

/**
 * Merges the route elements of several MRT files, from one or many collectors, into one stream in
 * time order, as BGPStream does: a k-way merge on each file's next element. Ties go to RIB dump
 * elements first (a dump describes the state at its time; updates stamped the same second come
 * after it), then to the file given first. Within one file the file's own order is kept.
 */
public final class ReplayMerge {

    private final List<Path> files;
    private final List<String> collectors;
    private final List<Pending> pending;
    private Consumer<MrtDecodeException> errors = e -> System.err.println("replay: " + e.getMessage());
    private final List<ElementSource> open = new ArrayList<>();
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

    /** Runs the merge to the end, handing every element to the sink with the collector its file came from. */
    public void run(ElementSink sink) throws IOException {
        // several files decode at once (and the engine has threads of its own): one lbzip2 worker each
        // then, all of them for a single file
        int bzip2Workers = files.size() + pending.size() > 1 ? 1 : 0;
        PriorityQueue<ElementSource> queue = new PriorityQueue<>(ReplayMerge::compare);
        try {
            for (int i = 0; i < files.size(); i++) {
                ElementSource s = new ElementSource(files.get(i), collectors.get(i), i, errors, bzip2Workers);
                open.add(s);
                if (s.peek() != null) queue.add(s);
            }
            // The source being read stays out of the queue while its next element still comes first:
            // files of one collector follow each other in time, so most elements cost one comparison
            // instead of a heap's poll and add (a tenth of a day's replay, JFR). The order is total
            // (ties end at the file's position), so the merge is the same as polling every time.
            ElementSource s = null;
            int next = 0, order = files.size();
            while (true) {
                while (next < pending.size() && joins(pending.get(next), s, queue)) {
                    Pending p = pending.get(next++);
                    Path file = resolve(p);
                    if (file == null) continue;
                    ElementSource f = new ElementSource(file, p.collector(), order++, errors, bzip2Workers);
                    open.add(f);
                    if (f.peek() != null) queue.add(f);
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
                sink.accept(s.collector, e);
                if (s.peek() == null) s = null;
            }
        } finally {
            for (ElementSource s : open) {
                skipped += s.skipped();
                s.close();
            }
        }
    }

    /** Whether a pending file's time has come: the merge reached it, or has nothing else to read. */
    private static boolean joins(Pending p, ElementSource current, PriorityQueue<ElementSource> queue) throws IOException {
        long head = Long.MAX_VALUE;
        if (current != null) head = current.peek().timeMicros();
        if (!queue.isEmpty()) head = Math.min(head, queue.peek().peek().timeMicros());
        return p.openAtMicros() <= head;
    }

    private static Path resolve(Pending p) throws IOException {
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
        long n = 0;
        for (ElementSource s : List.copyOf(open)) n += s.offset();
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
            int n = raf.read(magic);
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b && size >= 8) {
                raf.seek(size - 4);
                long isize = Integer.toUnsignedLong(Integer.reverseBytes(raf.readInt()));
                if (isize < size && size > (1 << 20)) isize += 1L << 32; // a file over 4 GiB: good enough
                return isize;
            }
            if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') return size * 5;
            if (n == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) return size * 5;
        }
        return size;
    }
}
