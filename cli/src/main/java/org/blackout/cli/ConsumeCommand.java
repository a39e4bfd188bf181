package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.blackout.core.config.Durations;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Watch;
import org.blackout.kafka.io.KafkaElementSource;
import org.blackout.kafka.io.KafkaSignalSink;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blackout consume}: the single-process pipeline fed from Kafka — Blackout's element topic or
 * OpenBMP raw BMP topics — resuming at the consumer group's committed offsets.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Runs the engine and detectors on route elements read from Kafka: Blackout's records "
                + "(`blackout publish`) and OpenBMP raw BMP messages (openbmp.bmp_raw, RouteViews' "
                + "routeviews.<collector>.<peer>.bmp_raw), told apart per record. The consumer group's committed "
                + "offsets are where reading resumes.",
                "Signals go to stdout (as replay --format), to --signals-out and/or to a Kafka topic; events to "
                        + "--events-out and/or a Kafka topic. Errors and damaged records go to stderr."})
final class ConsumeCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--topics", required = true, paramLabel = "REGEX",
            description = "Topics to read, a regular expression, e.g. blackout\\.elements or 'routeviews\\..*\\.bmp_raw'.")
    String topics;

    @Option(names = "--group", defaultValue = "blackout-consume", description = "Consumer group (default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--until-idle", paramLabel = "DURATION", description = "Stop when no record came for this long, "
            + "and end the data (bins close, open events are brought up to the end): a replay of what the topics hold. "
            + "Default: run until interrupted.")
    String untilIdle;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
    SignalOutput.Format format;

    @Option(names = "--signals-out", paramLabel = "FILE", description = "Also write every signal to FILE as JSON lines.")
    Path signalsOut;

    @Option(names = "--events-out", paramLabel = "FILE", description = "Run the detectors and write their events to FILE "
            + "as JSON lines at the end (with --until-idle).")
    Path eventsOut;

    @Option(names = "--signals-topic", paramLabel = "TOPIC", description = "Write signals to this Kafka topic (JSON).")
    String signalsTopic;

    @Option(names = "--events-topic", paramLabel = "TOPIC", description = "Run the detectors and write each event "
            + "snapshot to this Kafka topic (JSON, keyed by event id).")
    String eventsTopic;

    @Mixin EntityOptions entities = new EntityOptions();

    @Mixin PolicyOptions policies = new PolicyOptions();

    @Mixin EngineOptions engineOptions = new EngineOptions();

    @Mixin DetectorOptions detectorOptions = new DetectorOptions();

    @Override
    public Integer call() throws Exception {
        PipelineSettings settings;
        Pattern pattern;
        Duration idle;
        EntityMaps maps;
        Watch w;
        try {
            settings = entities.settings(PipelineSettings.defaults(), engineOptions, detectorOptions, policies);
            pattern = Pattern.compile(topics);
            idle = untilIdle == null ? null : Durations.parse(untilIdle);
            maps = settings.entities().load();
            w = settings.watch(maps);
        } catch (IllegalArgumentException e) { // PatternSyntaxException too
            System.err.println("consume: " + e.getMessage());
            return 2;
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        Writer jsonOut = signalsOut == null ? null : Files.newBufferedWriter(signalsOut, StandardCharsets.UTF_8);
        SignalOutput sink = new SignalOutput(out, format, maps, jsonOut, false, true);
        KafkaSignalSink toKafka = signalsTopic != null || eventsTopic != null
                ? new KafkaSignalSink(kafka, signalsTopic, eventsTopic, Map.of()) : null;
        EventLog events = eventsOut != null || eventsTopic != null ? new EventLog(toKafka != null ? toKafka : new EventSink() {}) : null;
        Pipeline.Builder b = Pipeline.builder(settings).maps(maps).watch(w).policies(settings.policies().load(System.err::println)).signals(sink);
        if (toKafka != null) b.signals(toKafka);
        if (events != null) b.events(events);
        Pipeline pipeline = b.build();
        long[] damaged = {0};
        KafkaElementSource.Errors errors = (t, p, o, e) -> {
            damaged[0]++;
            System.err.println("consume: " + t + "[" + p + "]@" + o + ": " + e.getMessage());
        };
        long records;
        try (KafkaElementSource source = new KafkaElementSource(kafka, group, Map.of())) {
            source.subscribe(pattern);
            Runtime.getRuntime().addShutdownHook(new Thread(out::flush));
            records = idle != null ? source.drain(pipeline, errors, idle) : source.run(pipeline, errors, () -> false);
            pipeline.finish();
            if (events != null && eventsOut != null) EventsOutput.writeJsonLines(events.events(), eventsOut);
        } finally {
            out.flush();
            if (jsonOut != null) jsonOut.close();
            if (toKafka != null) toKafka.close();
        }
        System.err.printf(Locale.ROOT, "consume: %d records, %d damaged, %d peers, %d signals%n", records, damaged[0],
                pipeline.engine().routing().peerCount(), sink.signals.get());
        return out.checkError() ? 1 : 0;
    }
}
