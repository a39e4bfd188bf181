package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.ingest.replay.ReplayMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blackout replay}: MRT files in, per-entity signals per time bin out. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays MRT files (RIB dumps and updates, several collectors merged in time order) through "
                + "the routing engine and prints signals per watched entity per time bin.",
                "Signals go to stdout; progress, feed events (peer sessions down, stale peers) and errors to stderr."})
final class ReplayCommand implements Callable<Integer> {

    enum Format { table, csv, jsonl }

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "MRT files or directories (searched recursively); "
            + "gzip, bzip2, zstd or plain. The collector is named from the path (rrc00, route-views2, else the directory).")
    List<Path> inputs;

    @Mixin EntityOptions entities = new EntityOptions();

    @Mixin PolicyOptions policies = new PolicyOptions();

    @Option(names = "--bin", defaultValue = "5m", paramLabel = "DURATION",
            description = "Time bin: 300s, 5m, 1h, PT5M, or seconds (default ${DEFAULT-VALUE}).")
    String bin;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--signals-out", paramLabel = "FILE",
            description = "Also write every signal to FILE as JSON lines (for detectors and dashboards).")
    Path signalsOut;

    @Option(names = "--events-out", paramLabel = "FILE",
            description = "Run the detectors (outage, instability, upstream, hijack, feed) and write their events to FILE "
                    + "as JSON lines; with --format table they are also printed at the end.")
    Path eventsOut;

    @Option(names = "--threshold", defaultValue = "0.5",
            description = "Space is visible when more than this share of full-feed peers see it (default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--full-feed-ratio", defaultValue = "0.8",
            description = "A peer is full-feed when its table is at least this share of the largest peer's "
                    + "(per address family; default ${DEFAULT-VALUE}).")
    double fullFeedRatio;

    @Option(names = "--full-feed-min", split = ",", paramLabel = "V4[,V6]",
            description = "Absolute minimum table sizes for full-feed peers, e.g. 400001,10001 as IODA does.")
    List<Integer> fullFeedMin = new ArrayList<>();

    @Option(names = "--hold", defaultValue = "1h", paramLabel = "DURATION",
            description = "A peer silent this long (data time) is stale: its routes stop counting (default ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--feed-events", description = "Print every feed event on stderr (default: a summary at the end).")
    boolean feedEvents;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Progress bar on stderr when it is a terminal (default on).")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        long binMicros, holdMicros;
        try {
            binMicros = Durations.micros(bin);
            holdMicros = Durations.micros(hold);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        EntityMaps maps = entities.loadMaps();
        Watch w;
        try {
            w = entities.watch(maps);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        int min4 = fullFeedMin.isEmpty() ? 1 : fullFeedMin.get(0);
        int min6 = fullFeedMin.size() < 2 ? 1 : fullFeedMin.get(1);
        EngineConfig config = EngineConfig.defaults().withBin(binMicros).withThreshold(threshold)
                .withFullFeed(new FullFeedPolicy(fullFeedRatio, min4, min6)).withHold(holdMicros);

        // directories hold READMEs and configs beside the archives: skip those (files named explicitly are kept)
        List<Path> files = MrtFiles.expand(inputs).stream()
                .filter(f -> inputs.contains(f) || !f.getFileName().toString().matches("(?i).*\\.(md|rst|txt|conf|json|ya?ml|csv|html?|pcap|pcapng)$"))
                .toList();
        if (files.isEmpty()) {
            System.err.println("replay: no MRT files in " + inputs);
            return 2;
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                System.err.println("replay: cannot read " + f);
                return 2;
            }
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        Writer jsonOut = signalsOut == null ? null : Files.newBufferedWriter(signalsOut, StandardCharsets.UTF_8);
        Output sink = new Output(out, jsonOut, maps);
        org.blackout.core.policy.Policies policy;
        try {
            policy = policies.load();
        } catch (IOException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        java.util.List<org.blackout.core.signal.Entity> watched = new ArrayList<>(w.entities());
        for (long a : policy.monitoredAsns()) watched.add(new org.blackout.core.signal.Entity.As(a));
        EventsOutput events = eventsOut == null ? null : new EventsOutput(org.blackout.core.detect.DetectorConfig.defaults(),
                binMicros, watched, w.allPrefixes(), policy, new org.blackout.core.event.EventSink() {});
        Engine engine = new Engine(config, maps, w, events == null ? sink : org.blackout.core.detect.Detectors.tee(sink, events.listener()));
        ReplayMerge merge = new ReplayMerge(files);
        ProgressBar bar = progress && Terminal.isStderrTerminal() ? progressBar(merge.estimatedBytes()) : null;
        long[] n = {0};
        try {
            merge.run((collector, e) -> {
                engine.accept(collector, e);
                if (bar != null && (++n[0] & 0xffff) == 0) bar.stepTo(merge.bytesRead() >> 20);
            });
            engine.finish();
            if (events != null) {
                List<org.blackout.core.event.Event> all = events.finish();
                EventsOutput.writeJsonLines(all, eventsOut);
                if (format == Format.table) EventsOutput.printTable(all, out);
            }
        } finally {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
            }
            out.flush();
            if (jsonOut != null) jsonOut.close();
        }
        System.err.printf(Locale.ROOT, "replay: %d files, %d elements, %d peers, %d prefixes, %d AS paths, %d signals, "
                        + "%d feed events%s%n", files.size(), merge.elements(), engine.routing().peerCount(),
                engine.routing().prefixes().size(), engine.routing().paths().size(), sink.signals, sink.feed,
                merge.skipped() > 0 ? ", " + merge.skipped() + " damaged records skipped" : "");
        return out.checkError() ? 1 : 0;
    }

    private static ProgressBar progressBar(long totalBytes) {
        return new ProgressBarBuilder().setTaskName("replay").setInitialMax(Math.max(1, totalBytes >> 20)).setUnit(" MiB", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
    }

    /** Writes signals in the chosen format and counts feed events. */
    private final class Output implements EngineListener {
        final PrintWriter out;
        final Writer json;
        long signals, feed;
        boolean header;

        final EntityMaps maps;

        Output(PrintWriter out, Writer json, EntityMaps maps) {
            this.out = out;
            this.json = json;
            this.maps = maps;
        }

        /** The table names ASes (the entity and its first upstream) when --as-names gave names. */
        private String table(Signal s) {
            String row = SignalText.table(s);
            if (maps.asNames() == 0) return row;
            StringBuilder names = new StringBuilder();
            if (s.entity().startsWith("as:")) appendName(names, Long.parseLong(s.entity().substring(3)));
            if (!s.upstreams().isEmpty()) {
                long up = s.upstreams().get(0).asn();
                if (maps.asName(up) != null) {
                    names.append(names.isEmpty() ? "" : "; ").append("via ");
                    appendName(names, up);
                }
            }
            return names.isEmpty() ? row : row + "  # " + names;
        }

        private void appendName(StringBuilder sb, long asn) {
            String name = maps.asName(asn);
            if (name != null) sb.append("AS").append(asn).append(' ').append(name);
        }

        @Override
        public void signal(Signal s) {
            signals++;
            if (!header) {
                header = true;
                if (format == Format.csv) out.println(SignalText.csvHeader());
                if (format == Format.table) out.println(SignalText.tableHeader());
            }
            out.println(switch (format) {
                case jsonl -> SignalText.json(s);
                case csv -> SignalText.csv(s);
                case table -> table(s);
            });
            if (json != null) {
                try {
                    json.write(SignalText.json(s));
                    json.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public void feedEvent(FeedEvent e) {
            feed++;
            if (feedEvents) System.err.println("feed: " + e);
        }
    }

    /** Durations as people type them. */
    static final class Durations {
        private Durations() {}

        static long micros(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT)).toNanos() / 1000;
                long mult = 1_000_000L;
                if (t.endsWith("ms")) { mult = 1000L; t = t.substring(0, t.length() - 2); }
                else if (t.endsWith("s")) t = t.substring(0, t.length() - 1);
                else if (t.endsWith("m")) { mult = 60_000_000L; t = t.substring(0, t.length() - 1); }
                else if (t.endsWith("h")) { mult = 3_600_000_000L; t = t.substring(0, t.length() - 1); }
                else if (t.endsWith("d")) { mult = 86_400_000_000L; t = t.substring(0, t.length() - 1); }
                long v = Math.round(Double.parseDouble(t) * mult);
                if (v <= 0) throw new IllegalArgumentException("duration must be positive: " + text);
                return v;
            } catch (RuntimeException e) {
                if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("duration")) throw e;
                throw new IllegalArgumentException("not a duration (want e.g. 300s, 5m, 1h, PT5M): " + text);
            }
        }
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
