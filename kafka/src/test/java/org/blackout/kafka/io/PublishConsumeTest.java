package org.blackout.kafka.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.testkit.Prerequisites;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real update file published to a 3-partition topic and read back by a consumer group in two
 * sittings: the second reader resumes at the group's committed offsets, so together they read every
 * element once, and each peer's elements in the order published (one peer, one partition).
 */
class PublishConsumeTest {
    /** What is compared of an element (its attributes are checked by ElementCodecTest). */
    record Seen(String collector, long time, String type, String peer, String prefix) {
        static Seen of(String c, RouteElement e) {
            return new Seen(c, e.timeMicros(), e.type().name(), e.peerAddress() + " AS" + e.peerAs(), String.valueOf(e.prefix()));
        }
    }

    @Test
    void aGroupResumesWhereItStoppedAndPeersStayInOrder(@TempDir Path dir) throws Exception {
        Path f = Prerequisites.sharedData("mrt/bgpdump/test_data/updates.20160811.1600.gz");
        List<Seen> published = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            kafka.createTopics(3, Topics.ELEMENTS);
            try (ElementPublisher p = new ElementPublisher(kafka.bootstrap(), Topics.ELEMENTS, Map.of())) {
                new ReplayMerge(List.of(f)).run((c, e) -> {
                    published.add(Seen.of(c, e));
                    p.accept(c, e);
                });
                assertThat(p.published()).isEqualTo(published.size());
            }
            assertThat(published.size()).isGreaterThan(10_000);

            List<Seen> read = new ArrayList<>();
            List<String> damaged = new ArrayList<>();
            int half = published.size() / 2;
            try (KafkaElementSource first = new KafkaElementSource(kafka.bootstrap(), "resume-test", Map.of("max.poll.records", 1000))) {
                first.subscribe(List.of(Topics.ELEMENTS))
                        .run((c, e) -> read.add(Seen.of(c, e)), (t, part, off, e) -> damaged.add(e.getMessage()), () -> read.size() >= half);
            }
            int firstSitting = read.size();
            assertThat(firstSitting).isBetween(half, published.size() - 1);
            try (KafkaElementSource second = new KafkaElementSource(kafka.bootstrap(), "resume-test", Map.of())) {
                second.subscribe(List.of(Topics.ELEMENTS))
                        .drain((c, e) -> read.add(Seen.of(c, e)), (t, part, off, e) -> damaged.add(e.getMessage()), Duration.ofSeconds(2));
            }
            assertThat(damaged).isEmpty();
            assertThat(read).hasSameSizeAs(published).containsExactlyInAnyOrderElementsOf(published);
            assertThat(byPeer(read)).isEqualTo(byPeer(published));
        }
    }

    @Test
    void recordsAreKeyedByCollectorAndPeer() {
        RouteElement e = new RouteElement(1, org.blackout.wire.element.ElementType.STATE,
                org.blackout.wire.net.IpAddress.parse("2001:db8::1"), 4_200_000_000L, null, 0, null, 1, 6);
        assertThat(new String(ElementCodec.key("rrc00", e))).isEqualTo("rrc00 2001:db8::1 AS4200000000");
    }

    private static Map<String, List<Seen>> byPeer(List<Seen> all) {
        Map<String, List<Seen>> out = new HashMap<>();
        for (Seen s : all) out.computeIfAbsent(s.collector() + " " + s.peer(), k -> new ArrayList<>()).add(s);
        return out;
    }
}
