package org.blackout.ingest.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A stream opened and read to its end by a thread of its own, ahead of its reader, into a bounded
 * queue of chunks. It decouples a decompressor from the one who reads it: a file's lbzip2 otherwise
 * decompresses only as fast as the merge consumes the file, stalling on a full pipe while the merge
 * works on the file before it, and the merge then waits on lbzip2 when it gets there (a day of
 * route-views2 updates: the replay's thread waited 7 s of 21 s for the current file's bytes, while
 * lbzip2 and the replay run side by side, uncoupled, took 16 s). Opening happens on the pump too,
 * so spawning a decompressor does not hold up the merge.
 *
 * <p>A failure to open, or of the stream mid-way, is thrown to the reader after every byte read before
 * it. Not thread-safe for readers: one reader, as for any stream.
 */
final class ReadAhead extends InputStream {
    /** Opens the underlying stream (on the pump thread). */
    interface Opener {
        InputStream open() throws IOException;
    }

    private static final int CHUNK = 1 << 17;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    private final Thread pump;
    private final Object lock = new Object();
    private InputStream in; // guarded by lock; null until opened
    private volatile boolean closed;
    private volatile Throwable failure;
    private byte[] current = new byte[0];
    private int at;
    private boolean ended;

    /**
     * @param name names the pump thread ("read-ahead NAME")
     * @param maxChunks how many chunks (each at most 128 KiB) may wait for the reader
     */
    ReadAhead(Opener opener, String name, int maxChunks) {
        this.chunks = new ArrayBlockingQueue<>(maxChunks);
        this.pump = Thread.ofPlatform().daemon().name("read-ahead " + name).start(() -> pump(opener));
    }

    private void pump(Opener opener) {
        InputStream s;
        try {
            s = opener.open();
        } catch (Throwable t) {
            failure = t;
            end();
            return;
        }
        synchronized (lock) {
            if (closed) {
                closeQuietly(s);
                return;
            }
            in = s;
        }
        byte[] buf = new byte[CHUNK];
        try {
            while (!closed) {
                int n = s.read(buf, 0, CHUNK);
                if (n < 0) break;
                if (n > 0) chunks.put(Arrays.copyOf(buf, n));
            }
        } catch (InterruptedException e) {
            return; // closed
        } catch (Throwable t) {
            if (closed) return;
            failure = t;
        }
        end();
    }

    private void end() {
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            // closed: nobody reads on
        }
    }

    /** Waits for the next chunk; false at the end (after throwing the stream's failure, if any, once). */
    private boolean fill() throws IOException {
        while (at == current.length) {
            if (ended) return false;
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + pump.getName());
            }
            at = 0;
            if (current == END) {
                ended = true;
                Throwable f = failure;
                if (f instanceof IOException io) throw io;
                if (f instanceof RuntimeException re) throw re;
                if (f instanceof Error err) throw err;
                if (f != null) throw new IOException(f);
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - at;
    }

    /** Stops the pump and closes the underlying stream (which ends a decompressor process). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        pump.interrupt();
        InputStream s;
        synchronized (lock) {
            s = in;
        }
        if (s != null) s.close();
        chunks.clear();
    }

    /** Whether the pump has finished (for tests). */
    boolean pumpDone(long waitMillis) throws InterruptedException {
        pump.join(waitMillis);
        return !pump.isAlive();
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a stream nobody reads
        }
    }
}
