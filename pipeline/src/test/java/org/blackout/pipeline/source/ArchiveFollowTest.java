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
import org.blackout.core.engine.FeedEvent;
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

/** Following an archive as files appear: each poll replays the new files once, holes are gaps, the unpublished edge is not. */
class ArchiveFollowTest {
    @TempDir Path cache;

    @Test
    void pollsReplayNewFilesOnceInOrder() throws Exception {
        Path dir = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        Path f1600 = dir.resolve("updates.20100227.1600.gz"), f1610 = dir.resolve("updates.20100227.1610.gz");
        List<String> engine = new ArrayList<>();
        List<FeedEvent> feed = new ArrayList<>();
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("prefix:198.51.100.0/23")))
                .maps(EntityMaps.empty()).signals(new EngineListener() {
                    @Override
                    public void element(String collector, RouteElement e, RoutingView view) {
                        engine.add(collector + " " + e);
                    }

                    @Override
                    public void feedEvent(FeedEvent e) {
                        feed.add(e);
                    }
                }).build();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc15/2010.02/updates.20100227.1600.gz", f1600);
            ArchiveSelection sel = ArchiveSelection.of(List.of("rrc15"), Instant.parse("2010-02-27T16:00:00Z"), Instant.parse("2010-02-27T16:05:00Z"))
                    .withArchives(Map.of(Project.RIS, m.base())).withCache(cache).withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            Map<String, Instant> after;
            try (ArchiveReplay first = ArchiveReplay.start(sel, err)) {
                first.merge(pipeline::feedEvent).run(pipeline);
                after = first.lastUpdateStart();
            }
            assertThat(after).containsEntry("rrc15", Instant.parse("2010-02-27T16:00:00Z"));
            ArchiveFollow follow = new ArchiveFollow(sel, after, err);
            feed.clear();

            // 16:07: the 16:05 file is not published yet: nothing to read, and no gap
            assertThat(follow.poll(pipeline, Instant.parse("2010-02-27T16:07:00Z"))).isZero();
            assertThat(feed).noneMatch(e -> e.kind() == FeedEvent.Kind.DATA_GAP);
            // 16:16: the 16:10 file appeared, the 16:05 one never did
            m.file("rrc15/2010.02/updates.20100227.1610.gz", f1610);
            assertThat(follow.poll(pipeline, Instant.parse("2010-02-27T16:16:00Z"))).isEqualTo(1);
            assertThat(feed).filteredOn(e -> e.kind() == FeedEvent.Kind.DATA_GAP).extracting(FeedEvent::time)
                    .containsExactly(Instant.parse("2010-02-27T16:05:00Z"));
            assertThat(follow.poll(pipeline, Instant.parse("2010-02-27T16:21:00Z"))).isZero();

            List<String> byPath = new ArrayList<>();
            new ReplayMerge(List.of(f1600, f1610), List.of("rrc15", "rrc15")).run((c, e) -> byPath.add(c + " " + e));
            assertThat(engine).isEqualTo(byPath);
            assertThat(m.requests(("rrc15/2010.02/updates.20100227.1610.gz"))).isEqualTo(1);
        }
    }
}
