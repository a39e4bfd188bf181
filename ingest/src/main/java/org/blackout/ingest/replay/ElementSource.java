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
        InputStream in = MrtFiles.open(file);
        this.reader = new MrtReader(in, file.toString());
        reader.onError(errors);
    }

    /** The next element without consuming it, or null at the end of the file. */
    RouteElement peek() throws IOException {
        while (buffered.isEmpty() && !ended) {
            MrtRecord r;
            try {
                r = reader.next();
            } catch (IOException e) {
                // a truncated compressed stream (e.g. the first MiB of a bz2 file): keep what was read
                System.err.println("replay: " + file + ": truncated at byte " + reader.offset() + ": " + e.getMessage());
                r = null;
            }
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
}
