package org.blackout.cli.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
            JsonFormatter json = new JsonFormatter(text);
            RouteElements elements = new RouteElements();
            try (InputStream in = MrtFiles.open(file); MrtReader reader = new MrtReader(in, file.toString())) {
                reader.onError(e -> err.println("blackout dump: " + e.getMessage()));
                MrtRecord r;
                while ((r = reader.next()) != null) {
                    records++;
                    if (format == Format.BGPDUMP) bgpdump.accept(r);
                    else elements.accept(r, json::accept);
                }
                skipped += reader.skipped();
            } catch (IOException e) {
                err.println("blackout dump: " + file + ": " + e.getMessage());
                failed++;
            }
            lines += bgpdump.lines() + json.lines();
        }
        text.flush();
        return new Result(records, lines, skipped, failed);
    }
}
