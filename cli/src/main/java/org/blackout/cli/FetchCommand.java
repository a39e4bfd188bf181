package org.blackout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.blackout.core.json.Json;
import org.blackout.ingest.fetch.DataGap;
import org.blackout.ingest.fetch.FetchResult;
import org.blackout.pipeline.source.ArchiveReplay;
import org.blackout.pipeline.source.ArchiveSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code blackout fetch}: the archive files of a replay's selection into the cache, nothing else. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Downloads the archive files a replay by collector and time range reads (the RIB at or before --from, "
                + "update files until --until) into the cache, checked and complete, so a later replay (or one with --offline) reads them from there.",
                "Prints one line per file (path and size) and per data gap on stdout; progress and the summary on stderr."})
final class FetchCommand implements Callable<Integer> {

    @Mixin ArchiveOptions archive = new ArchiveOptions();

    @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress line on stderr when it is a terminal (default on).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        if (!archive.selected()) {
            System.err.println("fetch: --collectors is required (with --from and --until)");
            return 2;
        }
        if (!format.equals("text") && !format.equals("jsonl")) {
            System.err.println("fetch: --format is text or jsonl, not " + format);
            return 2;
        }
        ArchiveSelection selection;
        ArchiveReplay fetch;
        try {
            selection = archive.selection();
            fetch = ArchiveReplay.start(selection, System.err);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("fetch: " + e.getMessage());
            return 2;
        }
        List<FetchResult> results;
        AutoCloseable bar = progress && ReplayCommand.Terminal.isStderrTerminal() ? fetch.progress().show(System.err) : null;
        try {
            results = fetch.fetchAll();
        } finally {
            if (bar != null) bar.close();
            fetch.close();
        }
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        for (FetchResult r : results) {
            if (r instanceof FetchResult.Ready ready) {
                long size = Files.size(ready.path());
                out.println(format.equals("text") ? ready.path() + "\t" + size
                        : json(g -> {
                            g.writeStringField("file", ready.path().toString());
                            g.writeStringField("collector", ready.file().collector().name());
                            g.writeStringField("kind", ready.file().kind().name().toLowerCase());
                            g.writeStringField("start", ready.file().start().toString());
                            g.writeNumberField("bytes", size);
                            g.writeBooleanField("downloaded", ready.downloaded() > 0);
                        }));
            }
        }
        for (DataGap gap : fetch.gaps()) {
            out.println(format.equals("text") ? "gap\t" + gap
                    : json(g -> {
                        g.writeStringField("gap", gap.collector());
                        g.writeStringField("kind", gap.kind().name().toLowerCase());
                        g.writeStringField("from", gap.from().toString());
                        g.writeStringField("until", gap.until().toString());
                        g.writeStringField("reason", gap.reason());
                    }));
        }
        out.flush();
        System.err.println(fetch.progress().summary());
        return out.checkError() ? 1 : 0;
    }

    private static String json(Json.Writer fields) {
        return Json.string(g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        });
    }
}
