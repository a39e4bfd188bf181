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
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archive_poll}: the bootstrap replays what the archive has up to now, a poll then the file that
 * appeared; together exactly the files by path, each once.
 */
class ArchivePollingTest {
    @TempDir Path cache;

    @Test
    void bootstrapThenPollEqualsTheFilesByPath() throws Exception {
        Path dir = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        List<Path> files = List.of(dir.resolve("updates.20100227.1600.gz"), dir.resolve("updates.20100227.1610.gz"));
        List<String> expected = new ArrayList<>();
        new ReplayMerge(files, List.of("rrc15", "rrc15")).run((c, e) -> expected.add(c + " " + e));
        List<String> engine = new ArrayList<>();
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("prefix:198.51.100.0/23")))
                .maps(EntityMaps.empty()).signals(new EngineListener() {
                    @Override
                    public void element(String collector, RouteElement e, RoutingView view) {
                        engine.add(collector + " " + e);
                    }
                }).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc15/2010.02/updates.20100227.1600.gz", files.get(0));
            ArchiveSelection settings = ArchiveSelection.of(List.of("rrc15"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
                    .withArchives(Map.of(Project.RIS, m.base())).withCache(cache).withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            ArchivePolling polling = new ArchivePolling(settings, Duration.ofMinutes(5), new PrintStream(log, true, StandardCharsets.UTF_8));
            assertThat(polling.bootstrapped()).isFalse();
            // no RIB in this mirror: the bootstrap is the update file whose interval holds "now"
            ArchiveFollow follow = polling.bootstrap(pipeline, Instant.parse("2010-02-27T16:03:00Z"));
            assertThat(polling.bootstrapped()).isTrue();
            assertThat(polling.last()).containsEntry("rrc15", Instant.parse("2010-02-27T16:00:00Z"));
            int first = engine.size();
            assertThat(first).isPositive().isLessThan(expected.size());

            m.file("rrc15/2010.02/updates.20100227.1610.gz", files.get(1)); // 16:05 never appears: a gap, not a wait
            assertThat(follow.poll(pipeline, Instant.parse("2010-02-27T16:16:00Z"))).isEqualTo(1);
            assertThat(follow.poll(pipeline, Instant.parse("2010-02-27T16:17:00Z"))).as("nothing new").isZero();
            assertThat(engine).isEqualTo(expected);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("archive_poll: bootstrapped [rrc15]");
        }
    }
}
