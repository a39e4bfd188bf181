package org.blackout.flink;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.kafka.io.ElementPublisher;
import org.blackout.kafka.io.EmbeddedKafka;
import org.blackout.kafka.io.Topics;

/**
 * {@code blackout flink --local}: an in-process Kafka broker (KRaft) and Flink MiniCluster. The MRT
 * files are published to the elements topic (as {@code blackout publish} does), the job runs over
 * them to their end with checkpoints in RocksDB and a transactional sink, and the committed events
 * and signals are read back from their topics into the files replay writes.
 */
public final class LocalRun {
    /**
     * @param elements     route elements published
     * @param events       the events in their final state, as {@code replay --events-out} writes them (JSON lines)
     * @param signals      signals written
     * @param stateBytes   the largest footprint of the checkpoints on disk seen while the job ran (RocksDB, incremental:
     *                     the shared SST files of the newest checkpoint and its own files), sampled every half second
     */
    public record Result(long elements, int parallelism, int partitions, double publishSeconds, double jobSeconds,
            List<String> events, long signals, long stateBytes, JobExecutionResult job) {

        public double routesPerSecond() {
            return elements / jobSeconds;
        }
    }

    /**
     * @param partitions   partitions of the elements topic
     * @param checkpoint   checkpoint interval
     * @param lateness     bounded out-of-orderness for the watermarks
     */
    public record Options(int parallelism, int partitions, Duration checkpoint, Duration lateness, Path work,
            Path eventsOut, Path signalsOut) {}

    private LocalRun() {}

    public static Result run(List<Path> files, PipelineFactory factory, Options o) throws Exception {
        return run(files, factory, o, UnaryOperator.identity());
    }

    static Result run(List<Path> files, PipelineFactory factory, Options o, UnaryOperator<DataStream<byte[]>> tap) throws Exception {
        Files.createDirectories(o.work());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(o.work().resolve("kafka"))) {
            kafka.createTopics(o.partitions(), Topics.ELEMENTS);
            kafka.createTopics(1, Topics.EVENTS, Topics.SIGNALS);
            long t0 = System.nanoTime();
            long published;
            ReplayMerge merge = new ReplayMerge(files).onError(e -> System.err.println("flink: " + e.getMessage()));
            try (ElementPublisher p = new ElementPublisher(kafka.bootstrap(), Topics.ELEMENTS, Map.of())) {
                merge.run(p);
                published = p.published();
            }
            double publish = (System.nanoTime() - t0) / 1e9;

            Path checkpoints = o.work().resolve("checkpoints");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(o.parallelism(), configuration(o, checkpoints));
            JobSettings s = new JobSettings(kafka.bootstrap(), Topics.ELEMENTS, Topics.EVENTS,
                    o.signalsOut() == null ? null : Topics.SIGNALS, "blackout-local", true, o.lateness(), o.checkpoint(),
                    o.parallelism());
            BlackoutJob.build(env, s, factory, tap);
            long t1 = System.nanoTime();
            // Flink removes a finished job's checkpoints: their footprint is sampled while it runs
            long[] largest = {0};
            Thread sampler = Thread.ofPlatform().daemon().name("checkpoint-size").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        largest[0] = Math.max(largest[0], lastCheckpointBytes(checkpoints));
                        Thread.sleep(500);
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // a checkpoint being subsumed while walked: sample again
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            JobExecutionResult job;
            try {
                job = env.execute("blackout (local)");
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            double jobSeconds = (System.nanoTime() - t1) / 1e9;

            List<String> events = finalEvents(read(kafka.bootstrap(), Topics.EVENTS));
            if (o.eventsOut() != null) writeLines(o.eventsOut(), events);
            long signals = 0;
            if (o.signalsOut() != null) {
                List<ConsumerRecord<byte[], byte[]>> all = read(kafka.bootstrap(), Topics.SIGNALS);
                List<String> lines = new ArrayList<>(all.size());
                for (ConsumerRecord<byte[], byte[]> r : all) lines.add(new String(r.value(), StandardCharsets.UTF_8));
                writeLines(o.signalsOut(), lines);
                signals = lines.size();
            }
            return new Result(published, o.parallelism(), o.partitions(), publish, jobSeconds, events, signals, largest[0], job);
        }
    }

    static Configuration configuration(Options o, Path checkpoints) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.incremental", "true");
        c.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        c.put("execution.checkpointing.interval", o.checkpoint().toMillis() + " ms");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        // kept after the job ends: the state size is measured from it, and a job can be resumed from it
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "3");
        c.put("restart-strategy.fixed-delay.delay", "500 ms");
        c.put("taskmanager.memory.managed.size", "256m");
        c.put("taskmanager.memory.network.max", "128m");
        c.put("rest.bind-port", "0");
        return Configuration.fromMap(c);
    }

    /** Every committed record of a one-partition topic, in order. */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic) throws InterruptedException {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", false, "max.poll.records", 10_000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = stableEnd(bootstrap, c, tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) out.add(r);
            }
        }
        return out;
    }

    /**
     * The end offset once no transaction is open on the partition (the last stable offset has caught
     * up with the high watermark): a transaction of a failed attempt still being aborted would hide
     * everything after it from a read_committed reader. Waits at most a minute.
     */
    private static long stableEnd(String bootstrap, KafkaConsumer<byte[], byte[]> committed, TopicPartition tp) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> any = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                long stable = committed.endOffsets(List.of(tp)).get(tp), high = any.endOffsets(List.of(tp)).get(tp);
                if (stable >= high) return stable;
                if (System.nanoTime() > deadline) {
                    System.err.println("flink: " + tp + " still has an open transaction at offset " + stable + " of " + high
                            + "; reading what is committed before it");
                    return stable;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The last snapshot of every event id, ordered as {@code EventLog.events()} orders them. */
    static List<String> finalEvents(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        Map<String, String> latest = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            latest.put(new String(r.key(), StandardCharsets.UTF_8), new String(r.value(), StandardCharsets.UTF_8));
        }
        ObjectMapper json = new ObjectMapper();
        record Line(Instant first, Instant raised, String id, String text) {}
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : latest.entrySet()) {
            JsonNode n = json.readTree(e.getValue());
            lines.add(new Line(Instant.parse(n.get("first_evidence").asText()), Instant.parse(n.get("raised").asText()),
                    e.getKey(), e.getValue()));
        }
        lines.sort(Comparator.comparing(Line::first).thenComparing(Line::raised).thenComparing(Line::id));
        return lines.stream().map(Line::text).toList();
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
    }

    /** The bytes of every file under the checkpoint directory (subsumed checkpoints are removed as new ones complete). */
    static long lastCheckpointBytes(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) return 0;
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        }
    }
}
