package org.blackout.ingest.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.mrt.MrtDecodeException;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.element.RouteElement;

/** The route elements of one MRT file, one at a time, with a one-element look-ahead for merging. */
final class ElementSource implements Closeable {
    final Path file;
    final String collector;
    final int order;
    private final MrtReader reader;
    private final RouteElements flatten = new RouteElements();
    private final ArrayDeque<RouteElement> buffered = new ArrayDeque<>();
    private final Consumer<RouteElement> sink = buffered::add;
    private boolean ended;

    ElementSource(Path file, String collector, int order, Consumer<MrtDecodeException> errors) throws IOException {
        this.file = file;
        this.collector = collector;
        this.order = order;
        InputStream in = new TruncationIsEnd(MrtFiles.open(file), file);
        this.reader = new MrtReader(in, file.toString());
        reader.onError(errors);
    }

    /** The next element without consuming it, or null at the end of the file. */
    RouteElement peek() throws IOException {
        while (buffered.isEmpty() && !ended) {
            MrtRecord r = reader.next();
            if (r == null) {
                ended = true;
                break;
            }
            flatten.accept(r, sink);
        }
        return buffered.peekFirst();
    }

    RouteElement next() throws IOException {
        RouteElement e = peek();
        if (e != null) buffered.pollFirst();
        return e;
    }

    /** Decompressed bytes read so far. */
    long offset() {
        return reader.offset();
    }

    long skipped() {
        return reader.skipped();
    }

    @Override
    public void close() throws IOException {
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

        private int fail(Exception e) {
            failed = true;
            System.err.println("replay: " + file + ": compressed stream ends early (" + e.getMessage() + "); reading what came before");
            return -1;
        }
    }
}
