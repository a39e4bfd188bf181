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
import org.blackout.core.engine.FeedEvent;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay by collector and time range reads the same elements, in the same order, as the same files given by path. */
class ArchiveReplayTest {
    @TempDir Path cache;

    private static List<String> elements(ReplayMerge merge) throws Exception {
        List<String> out = new ArrayList<>();
        merge.run((collector, e) -> out.add(collector + " " + e));
        return out;
    }

    private static ArchiveSelection selection(List<String> collectors, String from, String until, Map<Project, java.net.URI> bases, Path cache) {
        return ArchiveSelection.of(collectors, Instant.parse(from), Instant.parse(until)).withArchives(bases).withCache(cache)
                .withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
    }

    @Test
    void risUpdatesWithAGapAndA2002BviewMergeAsByPath() throws Exception {
        Path rrc15 = Prerequisites.sharedData("mrt/bgpkit-parser/ripe/rrc15/2010.02");
        Path bgpdump = Prerequisites.sharedData("mrt/bgpdump/test_data");
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc15/2010.02/updates.20100227.1600.gz", rrc15.resolve("updates.20100227.1600.gz"));
            m.file("rrc15/2010.02/updates.20100227.1610.gz", rrc15.resolve("updates.20100227.1610.gz"));
            m.file("rrc00/2002.07/bview.20020722.2337.gz", bgpdump.resolve("bview.20020722.2337.gz"));
            m.file("rrc00/2002.07/updates.20020722.2238.gz", bgpdump.resolve("updates.20020722.2238.gz"));
            Map<Project, java.net.URI> bases = Map.of(Project.RIS, m.base());

            List<FeedEvent> feed = new ArrayList<>();
            List<String> got;
            try (ArchiveReplay r = ArchiveReplay.start(selection(List.of("rrc15"), "2010-02-27T16:00:00Z", "2010-02-27T16:15:00Z", bases, cache), err)) {
                got = elements(r.merge(feed::add));
                assertThat(r.progress().downloadedFiles()).isEqualTo(2);
                assertThat(r.progress().gaps()).isEqualTo(2); // no bview before 16:00, no 16:05 file
            }
            List<String> byPath = elements(new ReplayMerge(List.of(rrc15.resolve("updates.20100227.1600.gz"), rrc15.resolve("updates.20100227.1610.gz")),
                    List.of("rrc15", "rrc15")));
            assertThat(got).hasSize(byPath.size()).isEqualTo(byPath);
            // the missing file is a feed event naming the collector and its interval, never an outage
            assertThat(feed).extracting(FeedEvent::kind).containsOnly(FeedEvent.Kind.DATA_GAP);
            assertThat(feed).anySatisfy(e -> {
                assertThat(e.peer().collector()).isEqualTo("rrc15");
                assertThat(e.time()).isEqualTo(Instant.parse("2010-02-27T16:05:00Z"));
                assertThat(e.detail()).contains("2010-02-27T16:05:00Z–2010-02-27T16:10:00Z").contains("no update file");
            });
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("data gap: rrc15 updates 2010-02-27T16:05:00Z–2010-02-27T16:10:00Z");

            // rrc00 in 2002: the bview at or before --from is the 23:37 dump (an off-interval stamp the listing shows)
            try (ArchiveReplay r = ArchiveReplay.start(selection(List.of("rrc00"), "2002-07-22T23:40:00Z", "2002-07-22T23:45:00Z", bases, cache), err)) {
                assertThat(r.plan().files()).extracting(f -> f.name()).containsExactly("bview.20020722.2337.gz");
                got = elements(r.merge(e -> {}));
            }
            assertThat(got).isEqualTo(elements(new ReplayMerge(List.of(bgpdump.resolve("bview.20020722.2337.gz")), List.of("rrc00"))));
            assertThat(got).hasSizeGreaterThan(10_000);

            // the same selection again, offline: no request, the same elements
            int before = m.requests().size();
            try (ArchiveReplay r = ArchiveReplay.start(selection(List.of("rrc15"), "2010-02-27T16:00:00Z", "2010-02-27T16:15:00Z", bases, cache)
                    .withOffline(true), err)) {
                assertThat(elements(r.merge(e -> {}))).isEqualTo(byPath);
                assertThat(r.progress().cachedFiles()).isEqualTo(2);
            }
            assertThat(m.requests()).hasSize(before);
        }
    }
}
