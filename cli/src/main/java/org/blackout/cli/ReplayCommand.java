package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.blackout.core.config.ConfigException;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.policy.Policies;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.config.ArchiveSources;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.pipeline.source.ArchiveReplay;
import org.blackout.pipeline.source.ArchiveSelection;
import org.blackout.pipeline.source.MrtInputs;
import org.blackout.pipeline.source.WarmUp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blackout replay}: MRT files in, per-entity signals per time bin out. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays MRT files (RIB dumps and updates, several collectors merged in time order) through "
                + "the routing engine and prints signals per watched entity per time bin.",
                "Files are given by path, or by collector and time range (--collectors rrc00,route-views2 --from T --until T): "
                + "then they are downloaded from the public archives (or --archive mirrors) into a cache, several ahead of the replay.",
                "Signals go to stdout; progress, feed events (peer sessions down, stale peers) and errors to stderr."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "MRT files or directories (searched recursively); "
            + "gzip, bzip2, zstd or plain. The collector is named from the path (rrc00, route-views2, else the directory). "
            + "Default: the configuration's sources.replay, or its sources.archives.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (sources.replay or sources.archives, entities, watch, engine, detectors; see examples/demo.yml); "
                    + "flags override its settings.")
    Path config;

    @Mixin ArchiveOptions archive = new ArchiveOptions();

    @Mixin EntityOptions entities = new EntityOptions();

    @Mixin PolicyOptions policies = new PolicyOptions();

    @Mixin EngineOptions engineOptions = new EngineOptions();

    @Mixin DetectorOptions detectorOptions = new DetectorOptions();

    @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
    SignalOutput.Format format;

    @Option(names = "--signals-out", paramLabel = "FILE",
            description = "Also write every signal to FILE as JSON lines (for detectors and dashboards).")
    Path signalsOut;

    @Option(names = "--events-out", paramLabel = "FILE",
            description = "Run the detectors (outage, instability, upstream, hijack, feed) and write their events to FILE "
                    + "as JSON lines; with --format table they are also printed at the end.")
    Path eventsOut;

    @Option(names = "--feed-events", description = "Print every feed event on stderr (default: a summary at the end).")
    boolean feedEvents;

    @Option(names = "--follow", description = "With --collectors: after the range, keep polling the archives every --poll for "
            + "update files that appear and replay them, until stopped (collectors without a live stream; --until defaults to now).")
    boolean follow;

    @Option(names = "--poll", paramLabel = "DURATION", description = "With --follow: how often to ask the archives (default 1m, or sources.archives.poll).")
    String poll;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress bar on stderr when it is a terminal (default on).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        // Netty (the MRT reader's buffers) would otherwise set up Logback through SLF4J on the first file:
        // 0.2 s of the main thread parsing its XML before any element (a day's replay, async-profiler)
        QuietNettyLogging.install(System.err);
        PipelineSettings settings;
        BlackoutConfig base;
        try {
            base = config == null ? BlackoutConfig.defaults() : BlackoutConfig.load(config);
            settings = entities.settings(base.pipeline(), engineOptions, detectorOptions, policies);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        ArchiveSources archives;
        try {
            archives = archive.settings(base.sources().archives());
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        // files given replace the configuration's archives; --collectors replaces its replay files
        boolean byCollector = archive.selected() || this.inputs.isEmpty() && archives.selected();
        List<Path> inputs = this.inputs.isEmpty() && !byCollector ? base.sources().replay() : this.inputs;
        EntityMaps maps = settings.entities().load();
        Watch w;
        try {
            w = settings.watch(maps);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        ArchiveSelection selection = null;
        if (!byCollector && (archive.from != null || archive.until != null)) {
            System.err.println("replay: --from and --until select archive files by collector: add --collectors");
            return 2;
        }
        boolean follow = this.follow || byCollector && archives.follow();
        if (follow && !byCollector) {
            System.err.println("replay: --follow follows archives by collector: add --collectors");
            return 2;
        }
        java.time.Duration every = archives.poll();
        if (poll != null) {
            try {
                every = org.blackout.core.config.Durations.parse(poll);
                if (every.isZero()) throw new IllegalArgumentException("must be more than 0");
            } catch (IllegalArgumentException e) {
                System.err.println("replay: --poll " + poll + ": " + e.getMessage());
                return 2;
            }
        }
        if (byCollector) {
            if (inputs != null && !inputs.isEmpty()) {
                System.err.println("replay: give files or --collectors with a time range, not both");
                return 2;
            }
            try {
                ArchiveSources a = archive.selected() ? archives : base.sources().archives();
                if (follow && !a.follow()) a = new ArchiveSources(a.collectors(), a.from(), a.until(), a.urls(), a.broker(), a.cache(),
                        a.jobs(), a.offline(), a.timeout(), a.retries(), true, a.poll());
                selection = archive.selection(a, java.time.Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println("replay: " + e.getMessage());
                return 2;
            }
        } else if (inputs == null || inputs.isEmpty()) {
            System.err.println("replay: give MRT files (or sources.replay in --config), or --collectors with --from and --until "
                    + "(or sources.archives in --config)");
            return 2;
        }
        List<Path> files = selection != null ? List.of() : MrtInputs.files(inputs);
        if (selection == null && files.isEmpty()) {
            System.err.println("replay: no MRT files in " + inputs);
            return 2;
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                System.err.println("replay: cannot read " + f);
                return 2;
            }
        }
        Policies policy;
        try {
            policy = settings.policies().load(System.err::println);
        } catch (IOException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        Writer jsonOut = signalsOut == null ? null : Files.newBufferedWriter(signalsOut, StandardCharsets.UTF_8);
        SignalOutput sink = new SignalOutput(out, format, maps, jsonOut, feedEvents, false);
        EventLog events = eventsOut == null ? null : new EventLog(new EventSink() {});
        Pipeline.Builder builder = Pipeline.builder(settings).maps(maps).watch(w).policies(policy);
        if (selection != null) builder.signals(WarmUp.quiet(sink, selection.from()));
        else builder.signals(sink);
        if (events != null) builder.events(selection != null ? WarmUp.quiet(events, selection.from()) : events);
        Pipeline pipeline = builder.build();
        ArchiveReplay fetched;
        try {
            fetched = selection == null ? null : ArchiveReplay.start(selection, System.err);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        ReplayMerge merge = fetched != null ? fetched.merge(pipeline::feedEvent) : new ReplayMerge(files);
        boolean terminal = progress && Terminal.isStderrTerminal();
        ProgressBar bar = terminal && fetched == null ? progressBar(merge.estimatedBytes()) : null;
        AutoCloseable fetchBar = terminal && fetched != null ? fetched.progress().show(System.err) : null;
        long[] n = {0};
        try {
            if (follow) {
                merge.run(pipeline);
                out.flush();
                followArchive(selection, fetched, pipeline, out, every);
                pipeline.finish();
            } else {
                pipeline.replay(merge, bar == null ? null : (collector, e) -> {
                    if ((++n[0] & 0xffff) == 0) bar.stepTo(merge.bytesRead() >> 20);
                });
            }
            if (events != null) {
                EventsOutput.reportUnjudged(pipeline.unjudged());
                List<Event> all = events.events();
                EventsOutput.writeJsonLines(all, eventsOut);
                if (format == SignalOutput.Format.table) EventsOutput.printTable(all, out);
            }
        } finally {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
            }
            if (fetchBar != null) fetchBar.close();
            if (fetched != null) {
                fetched.close();
                System.err.println(fetched.progress().summary());
            }
            out.flush();
            if (jsonOut != null) jsonOut.close();
        }
        int fileCount = fetched != null ? (int) (fetched.progress().downloadedFiles() + fetched.progress().cachedFiles()) : files.size();
        System.err.printf(Locale.ROOT, "replay: %d files, %d elements, %d peers, %d prefixes, %d AS paths, %d signals, "
                        + "%d feed events%s%n", fileCount, merge.elements(), pipeline.engine().routing().peerCount(),
                pipeline.engine().routing().prefixes().size(), pipeline.engine().routing().paths().size(), sink.signals.get(), sink.feed.get(),
                merge.skipped() > 0 ? ", " + merge.skipped() + " damaged records skipped" : "");
        return out.checkError() ? 1 : 0;
    }

    /** Polls the archives until interrupted (Ctrl-C ends the process): each round's signals are flushed as they come. */
    private void followArchive(ArchiveSelection selection, ArchiveReplay first, Pipeline pipeline, PrintWriter out,
            java.time.Duration every) throws IOException {
        org.blackout.pipeline.source.ArchiveFollow follow = new org.blackout.pipeline.source.ArchiveFollow(selection, first.lastUpdateStart(), System.err);
        System.err.println("replay: following " + selection.collectors() + " every "
                + org.blackout.core.config.Durations.format(every) + " (Ctrl-C stops)");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            int files = follow.poll(pipeline, java.time.Instant.now());
            out.flush();
            if (files > 0) System.err.println("replay: " + files + " new files, last " + follow.last());
        }
    }

    private static ProgressBar progressBar(long totalBytes) {
        return new ProgressBarBuilder().setTaskName("replay").setInitialMax(Math.max(1, totalBytes >> 20)).setUnit(" MiB", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
    }

    /** Whether stderr is an interactive terminal (Console.isTerminal exists from Java 22). */
    static final class Terminal {
        private Terminal() {}

        static boolean isStderrTerminal() {
            java.io.Console c = System.console();
            if (c == null) return false;
            try {
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
            } catch (ReflectiveOperationException e) {
                return true; // Java 21: console() is null unless attached to a terminal
            }
        }
    }
}
