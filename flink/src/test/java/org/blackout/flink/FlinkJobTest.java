package org.blackout.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventLog;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.ingest.sim.Scenario;
import org.blackout.ingest.sim.ScenarioParser;
import org.blackout.ingest.sim.Simulation;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.source.MrtInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink job (embedded KRaft broker, MiniCluster, RocksDB, transactional sink) against replay on
 * the North Korea scenario, cut to 8 peers and the four days around the outage so the suite stays
 * short (the full scenario and six real hours are compared by {@code bench/flink}): the same events,
 * line for line; and the same events again when a task fails mid-run after a checkpoint and the
 * job restores from it.
 */
class FlinkJobTest {
    @TempDir static Path dir;
    static List<Path> files;
    static ScenarioFactory factory;
    static List<String> replayEvents;

    @BeforeAll
    static void simulateAndReplay() throws Exception {
        Path bundled = Path.of("..", "scenarios", "kp-2014-12.yaml").toAbsolutePath().normalize();
        String yaml = Files.readString(bundled)
                .replace("peers: 40", "peers: 8")
                .replace("start: 2014-12-19T00:00:00Z", "start: 2014-12-20T00:00:00Z")
                .replace("end: 2014-12-28T00:00:00Z", "end: 2014-12-24T00:00:00Z")
                .replace(" data/", " " + bundled.getParent().resolve("data") + "/");
        yaml = yaml.substring(0, yaml.indexOf("  # shorter outages"))
                + yaml.substring(yaml.indexOf("  # shorter outages")).replaceAll("(?s)  - action: withdraw\n    at: 2014-12-27.*", "");
        Path scenario = dir.resolve("kp-short.yaml");
        Files.writeString(scenario, yaml);
        Scenario sc = ScenarioParser.parse(scenario);
        Simulation.run(sc, dir.resolve("mrt"), new PrintStream(OutputStream.nullOutputStream()));
        files = MrtInputs.files(List.of(dir.resolve("mrt")));
        factory = new ScenarioFactory(sc.countries().stream().map(Path::toString).toList(), List.of("country:KP", "as:131279"));
        EventLog log = new EventLog();
        Pipeline p = Pipeline.builder(factory.settings()).events(log).build();
        p.replay(new ReplayMerge(files), null);
        replayEvents = log.events().stream().map(EventJson::json).toList();
        assertThat(replayEvents).as("replay's events").anyMatch(e -> e.contains("\"type\":\"outage\"") && e.contains("KP"));
    }

    @Test
    void sameEventsAsReplayAtParallelismTwo() throws Exception {
        Path out = dir.resolve("events-p2.jsonl");
        LocalRun.Result r = LocalRun.run(files, factory, new LocalRun.Options(2, 2, Duration.ofSeconds(2), Duration.ofMinutes(1),
                dir.resolve("p2"), out, dir.resolve("signals-p2.jsonl")));
        assertThat(r.events()).containsExactlyElementsOf(replayEvents);
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactlyElementsOf(replayEvents);
        assertThat(r.signals()).isGreaterThan(100);
        assertThat(r.job().<Long>getAccumulatorResult("engine-applied-elements")).isEqualTo(r.elements());
    }

    @Test
    void aTaskFailingAfterACheckpointRestoresAndWritesTheSameEvents() throws Exception {
        FailOnce.thrown.set(0);
        Path work = dir.resolve("fail");
        LocalRun.Result r = LocalRun.run(files, factory, new LocalRun.Options(1, 2, Duration.ofMillis(300), Duration.ofMinutes(1),
                work, null, null), s -> s.map(new FailOnce(work.resolve("checkpoints").toString())).setParallelism(1).name("fail-once"));
        assertThat(FailOnce.thrown.get()).as("failures injected").isEqualTo(1);
        Long restored = r.job().getAccumulatorResult("engine-restored-elements");
        assertThat(restored).as("elements the engine re-applied from its checkpointed state").isPositive();
        assertThat(r.events()).containsExactlyElementsOf(replayEvents);
    }

    /**
     * Throws once, on the first element from sequence number 100,000 on that comes after a checkpoint
     * was written (its {@code _metadata} file exists); until then it slows the stream down, so the
     * failure always comes after a checkpoint and before the end.
     */
    static final class FailOnce implements MapFunction<byte[], byte[]> {
        static final AtomicInteger thrown = new AtomicInteger();
        private final String checkpoints;

        FailOnce(String checkpoints) {
            this.checkpoints = checkpoints;
        }

        @Override
        public byte[] map(byte[] value) throws Exception {
            long seq = ElementCodec.seq(value);
            if (seq >= 100_000 && thrown.get() == 0) {
                if (!checkpointWritten()) {
                    Thread.sleep(1);
                } else if (thrown.compareAndSet(0, 1)) {
                    throw new IllegalStateException("injected task failure at element " + seq);
                }
            }
            return value;
        }

        private boolean checkpointWritten() throws java.io.IOException {
            Path d = Path.of(checkpoints);
            if (!Files.isDirectory(d)) return false;
            try (var files = Files.walk(d)) {
                return files.anyMatch(f -> f.getFileName().toString().equals("_metadata"));
            }
        }
    }
}
