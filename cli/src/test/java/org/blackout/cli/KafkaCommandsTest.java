package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blackout.kafka.io.EmbeddedKafka;
import org.blackout.kafka.io.Topics;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} then {@code consume} through an in-process broker: an hour of real route-views2
 * updates, every country watched, gives the events {@code replay} gives from the files (one partition:
 * consume applies records in partition order).
 */
class KafkaCommandsTest {
    @Test
    void publishThenConsumeGivesReplaysEvents(@TempDir Path dir) throws Exception {
        Path rv = Prerequisites.sharedData("mrt/routeviews-2008-02");
        Path rir = Prerequisites.sharedData("rir");
        List<String> files = new ArrayList<>();
        for (String f : List.of("0013", "0028", "0043", "0100")) files.add(rv.resolve("updates.20080221." + f + ".bz2").toString());
        Path replayEvents = dir.resolve("replay.jsonl"), consumeEvents = dir.resolve("consume.jsonl");
        List<String> replay = new ArrayList<>(List.of("replay", "--rir", rir.toString(), "--format", "csv", "--no-progress",
                "--events-out", replayEvents.toString()));
        replay.addAll(files);
        CliRun r = CliRun.of(replay.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            kafka.createTopics(1, Topics.ELEMENTS);
            List<String> publish = new ArrayList<>(List.of("publish", "--kafka", kafka.bootstrap()));
            publish.addAll(files);
            CliRun p = CliRun.of(publish.toArray(String[]::new));
            assertThat(p.code()).as(p.err()).isZero();
            assertThat(p.err()).contains("4 files").contains("to blackout.elements");
            CliRun c = CliRun.of("consume", "--kafka", kafka.bootstrap(), "--topics", "blackout\\.elements", "--until-idle", "2s",
                    "--rir", rir.toString(), "--format", "csv", "--events-out", consumeEvents.toString());
            assertThat(c.code()).as(c.err()).isZero();
        }
        assertThat(Files.readAllLines(consumeEvents)).isNotEmpty().containsExactlyElementsOf(Files.readAllLines(replayEvents));
    }

    @Test
    void flinkNeedsAMode() {
        CliRun r = CliRun.of("flink", "x.mrt");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--local").contains("--jobmanager");
    }
}
