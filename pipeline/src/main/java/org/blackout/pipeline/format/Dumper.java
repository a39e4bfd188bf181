package org.blackout.pipeline.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;

/** Runs a dump over files: the in-process core of {@code blackout dump}, also used by tests. */
public final class Dumper {
    public enum Format { BGPDUMP, JSON }

    /** What a run did. */
    public record Result(long records, long lines, long skipped, int failedFiles) {
        public int exitCode() {
            return skipped > 0 || failedFiles > 0 ? 1 : 0;
        }
    }

    private Dumper() {}

    /** Decode on one thread and format on another when there are cores for both. */
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;
    private static final int BATCH = 512;
    private static final List<MrtRecord> END = List.of();

    private static long sequential(MrtReader reader, Consumer<MrtRecord> sink) throws IOException {
        long n = 0;
        MrtRecord r;
        while ((r = reader.next()) != null) {
            n++;
            sink.accept(r);
        }
        return n;
    }

    /** Reads and decodes on a helper thread, in batches through a small queue; formats on this one. */
    private static long pipelined(MrtReader reader, Consumer<MrtRecord> sink) throws IOException {
        BlockingQueue<List<MrtRecord>> queue = new ArrayBlockingQueue<>(8);
        Throwable[] failure = new Throwable[1];
        Thread decoder = Thread.ofPlatform().daemon().name("mrt-decode").start(() -> {
            try {
                List<MrtRecord> batch = new ArrayList<>(BATCH);
                MrtRecord r;
                while ((r = reader.next()) != null) {
                    batch.add(r);
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) queue.put(batch);
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long n = 0;
        try {
            while (true) {
                List<MrtRecord> batch = queue.take();
                if (batch == END) break;
                for (MrtRecord r : batch) sink.accept(r);
                n += batch.size();
            }
            decoder.join();
        } catch (InterruptedException e) {
            decoder.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure[0] instanceof IOException e) throw e;
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        return n;
    }

    /**
     * Dumps every file (directories expanded, sorted) to {@code out}; damaged records and unreadable
     * files are reported on {@code err} with file and byte offset.
     */
    public static Result run(List<Path> paths, Format format, OutputStream out, PrintStream err) throws IOException {
        return run(paths, format, false, out, err);
    }

    /** @param maskHostBits for the bgpdump format: clear prefix host bits as bgpdump after 1.6.2 does */
    public static Result run(List<Path> paths, Format format, boolean maskHostBits, OutputStream out, PrintStream err)
            throws IOException {
        AsciiOut text = new AsciiOut(out, 1 << 20);
        long records = 0, lines = 0, skipped = 0;
        int failed = 0;
        for (Path file : MrtFiles.expand(paths)) {
            BgpdumpFormatter bgpdump = new BgpdumpFormatter(text, maskHostBits);
            JsonFormatter json = new JsonFormatter(out);
            RouteElements elements = new RouteElements();
            try (InputStream in = MrtFiles.open(file); MrtReader reader = new MrtReader(in, file.toString())) {
                reader.onError(e -> err.println("blackout dump: " + e.getMessage()));
                Consumer<MrtRecord> sink = format == Format.BGPDUMP ? bgpdump::accept : r -> elements.accept(r, json::accept);
                records += PARALLEL ? pipelined(reader, sink) : sequential(reader, sink);
                skipped += reader.skipped();
            } catch (IOException e) {
                // the JDK's message for a missing or unreadable file is only its path
                err.println("blackout dump: " + switch (e) {
                    case java.nio.file.NoSuchFileException x -> "cannot read " + file + " (no such file)";
                    case java.nio.file.AccessDeniedException x -> "cannot read " + file + " (permission denied)";
                    default -> file + ": " + e.getMessage();
                });
                failed++;
            }
            json.flush();
            lines += bgpdump.lines() + json.lines();
        }
        text.flush();
        return new Result(records, lines, skipped, failed);
    }
}
