package org.blackout.ingest.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.mrt.MrtDecodeException;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.element.RouteElement;

/**
 * The route elements of one MRT file, one at a time, with a look-ahead for merging. A thread of its
 * own decodes the file into batches ahead of the consumer (a compressed file is decompressed ahead
 * of that by another, {@link ReadAhead}), so decoding overlaps with the engine and several files
 * decode in parallel; the order of elements is the file's.
 */
final class ElementSource implements Closeable {
    private static final int BATCH = 4096;
    private static final List<RouteElement> END = List.of();
    /**
     * Decompressed chunks (each one read: 64 KiB from a pipe, at most 128 KiB) a compressed file that
     * opens with a few others may hold ahead of its decoder: about 8 MiB, a whole 15-minute update file
     * of 2008's route-views2, so the next file is decompressed while the merge reads the one before it.
     */
    static final int READ_AHEAD_CHUNKS = 128;
    /**
     * Files opened at the start, however many (a directory of RIB dumps, or files named otherwise than
     * archives name them), share {@link #READ_AHEAD_CHUNKS} between them, with at least 4 chunks each:
     * 300 of them hold at most ~150 MiB ahead instead of 2.4 GiB, one alone as much as a later file.
     */
    static int eagerReadAheadChunks(int filesAtStart) {
        return Math.max(4, READ_AHEAD_CHUNKS / Math.max(1, filesAtStart));
    }

    final Path file;
    final String collector;
    final int order;
    private final MrtReader reader;
    private final BlockingQueue<List<RouteElement>> batches = new ArrayBlockingQueue<>(8);
    private final Thread decoder;
    private volatile boolean closed;
    private volatile boolean demanded;
    private volatile Throwable failure;
    private List<RouteElement> current = List.of();
    private int at;
    private boolean ended;

    /**
     * {@code bzip2Workers}: see {@link MrtFiles#open(Path, int)}; {@code readAheadChunks}: how many
     * decompressed chunks a compressed file may hold ahead of its decoding.
     */
    ElementSource(Path file, String collector, int order, Consumer<MrtDecodeException> errors, int bzip2Workers,
            int readAheadChunks) throws IOException {
        this.file = file;
        this.collector = collector;
        this.order = order;
        // a compressed file is decompressed ahead of its decoding, on a thread that also spawns its
        // decompressor: see ReadAhead. Whether it is compressed is read here, so that a missing or
        // unreadable file fails at once, as a plain one does.
        InputStream in = MrtFiles.compression(file) != MrtFiles.Compression.NONE
                ? new ReadAhead(() -> new TruncationIsEnd(MrtFiles.open(file, bzip2Workers), file),
                        file.getFileName().toString(), readAheadChunks)
                : new TruncationIsEnd(MrtFiles.open(file, bzip2Workers), file);
        this.reader = new MrtReader(in, file.toString());
        reader.onError(errors);
        this.decoder = Thread.ofPlatform().daemon().name("decode " + file.getFileName()).start(this::decode);
    }

    @SuppressWarnings("unchecked")
    private void decode() {
        RouteElements flatten = new RouteElements();
        List<RouteElement>[] batch = new List[] {new ArrayList<>(BATCH)};
        try {
            boolean first = true;
            for (MrtRecord r; !closed && (r = reader.next()) != null; ) {
                flatten.accept(r, batch[0]::add);
                // the first batch is the first record's elements alone: the merge waits for every file's
                // first element before it starts, and a day is 96 files, so at start-up each decodes
                // only what orders it (it waits for demand after that); a full first batch of each
                // was decoded while the engine sat idle
                if (batch[0].size() >= BATCH || first && !batch[0].isEmpty()) {
                    first = false;
                    batches.put(batch[0]);
                    batch[0] = new ArrayList<>(BATCH);
                    awaitDemand();
                }
            }
            if (!batch[0].isEmpty()) batches.put(batch[0]);
        } catch (InterruptedException e) {
            return;
        } catch (Throwable t) {
            failure = t;
        }
        try {
            batches.put(END);
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * After its first batch, a file waits until the merge reads from it. The merge peeks at every
     * file before it starts, and a day of update files is 96 of them, mostly later than the one being
     * read: decoding all of them eight batches ahead held a third of three days' elements in memory
     * at once (6.6 GB peak RSS) for no gain, since only the files at the merge's front are consumed.
     */
    private void awaitDemand() throws InterruptedException {
        if (demanded) return;
        synchronized (this) {
            while (!demanded && !closed) wait();
        }
    }

    private void demand() {
        demanded = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** The next element without consuming it, or null at the end of the file. */
    RouteElement peek() throws IOException {
        while (at == current.size()) {
            if (ended) return null;
            try {
                current = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted reading " + file);
            }
            at = 0;
            if (current == END) {
                ended = true;
                if (failure instanceof IOException io) throw io;
                if (failure instanceof RuntimeException re) throw re;
                if (failure instanceof Error err) throw err;
                return null;
            }
        }
        return current.get(at);
    }

    RouteElement next() throws IOException {
        if (!demanded) demand();
        RouteElement e = peek();
        if (e != null) at++;
        return e;
    }

    /** Decompressed bytes read so far (by the decoding thread; for progress only). */
    long offset() {
        return reader.offset();
    }

    long skipped() {
        return reader.skipped();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        demand();
        decoder.interrupt();
        try {
            decoder.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }

    /**
     * A compressed stream cut short (e.g. the first MiB of a bz2 archive) throws from the
     * decompressor; report it once and end the stream there, so the records already decompressed
     * are still read and a partial last record is reported by the MRT reader as truncated.
     */
    private static final class TruncationIsEnd extends java.io.FilterInputStream {
        private final Path file;
        private boolean failed;
        /** Closed while being read (a replay that stops early): the read that fails is not a damaged file. */
        private volatile boolean closed;

        TruncationIsEnd(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failed) return -1;
            try {
                return super.read(b, off, len);
            } catch (java.io.EOFException | java.io.UncheckedIOException e) {
                return fail(e);
            } catch (IOException e) {
                if (e instanceof java.nio.channels.ClosedByInterruptException) throw e;
                return fail(e);
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }

        private int fail(Exception e) {
            failed = true;
            if (closed) return -1;
            System.err.println("replay: " + file + ": compressed stream ends early (" + e.getMessage() + "); reading what came before");
            return -1;
        }
    }
}
