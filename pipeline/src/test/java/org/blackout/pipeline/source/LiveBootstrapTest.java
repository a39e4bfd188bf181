package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live feed bootstrapped from the archive: the engine gets the archived files, then the live
 * elements held meanwhile without those the archive already had, under the archive's collector names.
 */
class LiveBootstrapTest {
    @TempDir Path cache;

    private static List<String> read(List<Path> files, String collector) throws Exception {
        List<String> out = new ArrayList<>();
        new ReplayMerge(files, files.stream().map(f -> collector).toList()).run((c, e) -> out.add(c + " " + e));
        return out;
    }

    private static List<RouteElement> elements(Path file) throws Exception {
        List<RouteElement> out = new ArrayList<>();
        new ReplayMerge(List.of(file), List.of("x")).run((c, e) -> out.add(e));
        return out;
    }

    private static RouteElement at(RouteElement e, Instant t) {
        return new RouteElement(t.getEpochSecond() * 1_000_000L, e.type(), e.peerAddress(), e.peerAs(), e.prefix(), e.pathId(),
                e.attributes(), e.oldState(), e.newState());
    }

    @Test
    void archiveFirstThenTheHeldStreamWithoutTheOverlap() throws Exception {
        // rrc00's 2002 bview, and bgpdump's update file of that day served as the interval after it
        Path dir = Prerequisites.sharedData("mrt/bgpdump/test_data");
        Path bview = dir.resolve("bview.20020722.2337.gz"), updates = dir.resolve("updates.20020722.2238.gz");
        List<String> engine = new ArrayList<>();
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("prefix:198.51.100.0/23")))
                .maps(EntityMaps.empty()).signals(new EngineListener() {
                    @Override
                    public void element(String collector, RouteElement e, RoutingView view) {
                        engine.add(collector + " " + e);
                    }
                }).build();
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc00/2002.07/bview.20020722.2337.gz", bview).file("rrc00/2002.07/updates.20020722.2340.gz", updates);
            ArchiveSelection sel = ArchiveSelection.of(List.of("rrc00"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
                    .withArchives(Map.of(Project.RIS, m.base())).withCache(cache).withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            LiveBootstrap bootstrap = new LiveBootstrap(sel);
            ElementSink gate = bootstrap.gate(pipeline);

            // what the stream brings while the archive replays: the update file's elements again (the archive has them),
            // one newer element of rrc00, and one of a collector not bootstrapped; RIS Live names hosts rrcNN.ripe.net
            List<RouteElement> overlap = elements(updates);
            for (RouteElement e : overlap) gate.accept("rrc00.ripe.net", e);
            RouteElement newer = at(overlap.get(0), Instant.parse("2002-07-22T23:45:30Z"));
            gate.accept("rrc00.ripe.net", newer);
            RouteElement other = at(overlap.get(1), Instant.parse("2002-07-22T23:45:40Z"));
            gate.accept("rrc01.ripe.net", other);
            assertThat(engine).as("held while bootstrapping").isEmpty();

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Map<String, Instant> from = bootstrap.run(pipeline, Instant.parse("2002-07-22T23:47:00Z"),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(from).containsEntry("rrc00", Instant.parse("2002-07-22T23:45:00Z"));

            List<String> expected = new ArrayList<>(read(List.of(bview, updates), "rrc00"));
            assertThat(expected).hasSizeGreaterThan(10_000);
            expected.add("rrc00 " + newer);
            expected.add("rrc01 " + other);
            assertThat(engine).hasSize(expected.size()).isEqualTo(expected);
            assertThat(bootstrap.dropped()).isEqualTo(overlap.size());
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("data gap: rrc00 updates 2002-07-22T23:37:00Z–2002-07-22T23:40:00Z")
                    .contains("bootstrap: ");

            // once live, the stream passes straight through, still without what the archive had
            gate.accept("rrc00.ripe.net", overlap.get(2));
            RouteElement later = at(overlap.get(2), Instant.parse("2002-07-22T23:50:00Z"));
            gate.accept("rrc00.ripe.net", later);
            assertThat(engine).hasSize(expected.size() + 1).endsWith("rrc00 " + later);
            assertThat(bootstrap.dropped()).isEqualTo(overlap.size() + 1);
        }
    }
}
