package org.blackout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.blackout.core.config.Durations;
import org.blackout.core.config.HostPort;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.EventSink;
import org.blackout.flink.BlackoutJob;
import org.blackout.flink.JobSettings;
import org.blackout.flink.LocalRun;
import org.blackout.flink.PipelineFactory;
import org.blackout.kafka.io.Topics;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.source.MrtInputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blackout flink}: the engine and detectors as an Apache Flink job. {@code --local} runs it on
 * an in-process MiniCluster fed through an in-process Kafka broker and writes events and signals as
 * replay does; {@code --kafka} and {@code --jobmanager} submit it to a real cluster.
 */
@Command(name = "flink", mixinStandardHelpOptions = true,
        description = {"Runs the engine and detectors as an Apache Flink job (same core, same events as replay).",
                "--local FILE|DIR...: an in-process Kafka broker and Flink MiniCluster: the files are published, the job "
                        + "runs over them with checkpoints (RocksDB) and a transactional Kafka sink, and --events-out / "
                        + "--signals-out are written from the committed topics, as replay writes them.",
                "--kafka HOST:PORT --jobmanager HOST:PORT: submits the job to a running cluster, reading --topic (fed by "
                        + "`blackout publish`) and writing the events and signals topics.",
                "Progress, figures and errors go to stderr."})
final class FlinkCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "With --local: MRT files or directories.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--local", description = "Run on an in-process broker and MiniCluster.")
    boolean local;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (cluster mode).")
    String kafka;

    @Option(names = "--jobmanager", paramLabel = "HOST:PORT", description = "The Flink JobManager's REST address (cluster mode).")
    String jobmanager;

    @Option(names = "--topic", defaultValue = Topics.ELEMENTS, description = "Elements topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--events-topic", defaultValue = Topics.EVENTS, description = "Events topic (default ${DEFAULT-VALUE}).")
    String eventsTopic;

    @Option(names = "--signals-topic", defaultValue = Topics.SIGNALS, description = "Signals topic (default ${DEFAULT-VALUE}).")
    String signalsTopic;

    @Option(names = "--group", defaultValue = "blackout", description = "Consumer group (default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the source and per-peer stage (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--partitions", description = "--local: partitions of the elements topic (default: the parallelism).")
    Integer partitions;

    @Option(names = "--checkpoint", defaultValue = "10s", description = "Checkpoint interval (default ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--lateness", defaultValue = "1m", description = "Allowed out-of-orderness of the data's timestamps, for "
            + "the watermarks (default ${DEFAULT-VALUE}).")
    String lateness;

    @Option(names = "--work", paramLabel = "DIR", description = "--local: where the broker's log and the checkpoints go "
            + "(default: a temporary directory, removed at the end).")
    Path work;

    @Option(names = "--events-out", paramLabel = "FILE", description = "--local: write the events as JSON lines, as replay --events-out.")
    Path eventsOut;

    @Option(names = "--signals-out", paramLabel = "FILE", description = "--local: write every signal as JSON lines, as replay --signals-out.")
    Path signalsOut;

    @Mixin EntityOptions entities = new EntityOptions();

    @Mixin PolicyOptions policies = new PolicyOptions();

    @Mixin EngineOptions engineOptions = new EngineOptions();

    @Mixin DetectorOptions detectorOptions = new DetectorOptions();

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (local == (jobmanager != null)) {
            System.err.println("flink: give either --local FILE|DIR... or --kafka HOST:PORT --jobmanager HOST:PORT");
            return 2;
        }
        Duration every, late;
        try {
            PipelineSettings settings = entities.settings(PipelineSettings.defaults(), engineOptions, detectorOptions, policies);
            settings.watch(settings.entities().load()); // bad flags fail here, not on a task
            every = Durations.parse(checkpoint);
            late = Durations.parse(lateness);
            settings.policies().load(System.err::println);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("flink: " + e.getMessage());
            return 2;
        }
        Flags factory = new Flags(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        return local ? local(factory, every, late) : cluster(factory, every, late);
    }

    private int local(Flags factory, Duration every, Duration late) throws Exception {
        List<Path> files = MrtInputs.files(inputs);
        if (files.isEmpty()) {
            System.err.println("flink: no MRT files in " + inputs);
            return 2;
        }
        Path dir = work != null ? work : Files.createTempDirectory("blackout-flink");
        try {
            LocalRun.Result r = LocalRun.run(files, factory, new LocalRun.Options(parallelism,
                    partitions != null ? partitions : parallelism, every, late, dir, eventsOut, signalsOut));
            System.err.printf(Locale.ROOT, "flink: %d elements published in %.1f s; job at parallelism %d over %d partitions: "
                            + "%.1f s, %.0f routes/s; %d events, %d signals; checkpoints up to %d bytes on disk (%.1f per element)%n",
                    r.elements(), r.publishSeconds(), r.parallelism(), r.partitions(), r.jobSeconds(), r.routesPerSecond(),
                    r.events().size(), r.signals(), r.stateBytes(), (double) r.stateBytes() / Math.max(1, r.elements()));
        } finally {
            if (work == null) deleteTree(dir);
        }
        return 0;
    }

    private int cluster(Flags factory, Duration every, Duration late) throws Exception {
        if (kafka == null) {
            System.err.println("flink: --jobmanager needs --kafka HOST:PORT");
            return 2;
        }
        HostPort jm;
        try {
            jm = HostPort.parse(jobmanager, 8081);
        } catch (IllegalArgumentException e) {
            System.err.println("flink: --jobmanager: " + e.getMessage());
            return 2;
        }
        // the job's classes travel with it: every jar of this command's class path
        String[] jars = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(j -> j.endsWith(".jar")).toArray(String[]::new);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(jm.host(), jm.port(), jars);
        env.enableCheckpointing(every.toMillis());
        BlackoutJob.build(env, new JobSettings(kafka, topic, eventsTopic, signalsTopic, group, false, late, every, parallelism), factory);
        var client = env.executeAsync("blackout");
        System.err.println("flink: submitted job " + client.getJobID() + " to " + jobmanager + "; events to " + eventsTopic
                + ", signals to " + signalsTopic + " on " + kafka);
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * The pipeline replay builds from the same flags, rebuilt where the engine runs: the command line
     * travels with the job (the flags' files must be readable there).
     */
    record Flags(String[] args) implements PipelineFactory {
        @Override
        public Pipeline build(EngineListener signals, EventSink events) throws IOException {
            FlinkCommand c = new FlinkCommand();
            new CommandLine(c).parseArgs(args);
            PipelineSettings settings = c.entities.settings(PipelineSettings.defaults(), c.engineOptions, c.detectorOptions, c.policies);
            return Pipeline.builder(settings).policies(settings.policies().load(System.err::println)).signals(signals)
                    .events(events).build();
        }
    }
}
