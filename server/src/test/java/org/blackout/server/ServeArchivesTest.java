package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code sources.archives}: route-views2's files by collector and time range from
 * a local mirror are stored as the same files replayed by path are (same entities, signals and feed
 * events: the archive's missing RIB is a gap of the warm-up before {@code from}, logged, not stored).
 */
class ServeArchivesTest {
    @TempDir Path tmp;

    @Test
    void archivesByTimeRangeStoreWhatTheFilesByPathStore() throws Exception {
        Path rv = Prerequisites.sharedData("mrt/routeviews-2008-02");
        Path rir = Prerequisites.sharedData("rir");
        List<Path> four;
        try (Stream<Path> s = Files.list(rv)) {
            four = s.filter(p -> p.getFileName().toString().startsWith("updates.20080221.")).sorted().limit(4).toList();
        }
        Path local = Files.createDirectories(tmp.resolve("local"));
        try (MirrorServer m = MirrorServer.start()) {
            for (int i = 0; i < four.size(); i++) {
                String name = String.format("updates.20080221.%02d%02d.bz2", i * 15 / 60, i * 15 % 60);
                m.file("route-views2/bgpdata/2008.02/UPDATES/" + name, four.get(i));
                Files.copy(four.get(i), local.resolve(name));
            }
            String common = """
                    entities: {rir: ["%s"]}
                    watch: [all-countries]
                    http: {listen: 127.0.0.1:0}
                    """.formatted(rir);
            Path byPath = tmp.resolve("paths.yml"), byRange = tmp.resolve("range.yml");
            Files.writeString(byPath, common + "store: {duckdb: paths.duckdb}\nsources: {replay: [local]}\n");
            Files.writeString(byRange, common + """
                    store: {duckdb: range.duckdb}
                    sources:
                      archives:
                        collectors: [route-views2]
                        from: 2008-02-21T00:00:00Z
                        until: 2008-02-21T01:00:00Z
                        urls: {routeviews: "%s"}
                        cache: cache
                        retries: 2
                        timeout: 5s
                    """.formatted(m.base()));
            try (Server paths = new Server(BlackoutConfig.load(byPath)); Server range = new Server(BlackoutConfig.load(byRange))) {
                paths.startIngest();
                paths.awaitIngest();
                range.startIngest();
                range.awaitIngest();
                assertThat(m.requests().stream().filter(r -> r.contains("/UPDATES/updates.")).count()).isEqualTo(4);
                List<EntityRow> entities = paths.store().searchEntities("", null, 10_000);
                assertThat(entities).hasSizeGreaterThan(10);
                assertThat(range.store().searchEntities("", null, 10_000)).containsExactlyInAnyOrderElementsOf(entities);
                assertThat(range.store().count("signals")).isEqualTo(paths.store().count("signals")).isGreaterThan(100);
                for (EntityRow e : entities) {
                    assertThat(range.store().signals(e.entity(), 0, Long.MAX_VALUE, 0)).as(e.entity())
                            .isEqualTo(paths.store().signals(e.entity(), 0, Long.MAX_VALUE, 0));
                }
                assertThat(range.store().count("feed_events")).isEqualTo(paths.store().count("feed_events"));
            }
        }
    }
}
