package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Rows.SignalRow;
import org.blackout.server.store.Store;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.server.store.StoredSignal;
import org.junit.jupiter.api.AfterAll;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same schema in PostgreSQL: Debian's server started on loopback in a temporary directory
 * (as the postgres user when the tests run as root), filled with what the DuckDB store holds after
 * the KP replay, then asked the same questions: the answers must be identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {
    Process postgres;
    Path data;
    int port;

    static Path bin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("postgres"))).sorted().reduce((a, b) -> b).orElse(null);
        }
    }

    static List<String> asPostgres(boolean root, String... cmd) {
        List<String> c = new ArrayList<>();
        if (root) c.addAll(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(cmd));
        return c;
    }

    @BeforeAll
    void start() throws Exception {
        Path bin = bin();
        Prerequisites.require(bin != null, "needs Debian's postgresql (apt-get install postgresql)");
        boolean root = "root".equals(System.getProperty("user.name"));
        data = Files.createTempDirectory("pg");
        if (root) new ProcessBuilder("chown", "-R", "postgres:postgres", data.toString()).inheritIO().start().waitFor();
        Process init = new ProcessBuilder(asPostgres(root, bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(),
                "-A", "trust", "-U", "blackout", "-E", "UTF8", "--no-sync")).redirectErrorStream(true)
                .redirectOutput(data.resolve("initdb.log").toFile()).start();
        Prerequisites.require(init.waitFor(120, TimeUnit.SECONDS) && init.exitValue() == 0, "initdb failed: see " + data.resolve("initdb.log"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        postgres = new ProcessBuilder(asPostgres(root, bin.resolve("postgres").toString(), "-D", data.resolve("db").toString(),
                "-k", data.toString(), "-c", "listen_addresses=127.0.0.1", "-p", Integer.toString(port), "-c", "fsync=off"))
                .redirectErrorStream(true).redirectOutput(data.resolve("postgres.log").toFile()).start();
        for (int i = 0; i < 300; i++) {
            try (var c = java.sql.DriverManager.getConnection(url(), "blackout", "")) {
                return;
            } catch (java.sql.SQLException e) {
                Thread.sleep(100);
            }
        }
        Prerequisites.missing("PostgreSQL did not start: see " + data.resolve("postgres.log"));
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @AfterAll
    void stop() throws Exception {
        if (postgres != null) {
            postgres.destroy();
            postgres.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sameAnswersAsDuckDb() throws Exception {
        Store duck = KpFixture.shared().server().store();
        try (Store pg = Store.open(StoreConfig.postgres(url(), "blackout", null))) {
            assertThat(pg.isDuckDb()).isFalse();
            List<EntityRow> entities = duck.searchEntities("", null, 10_000);
            List<StoredSignal> signals = new ArrayList<>();
            for (EntityRow e : entities) {
                for (SignalRow r : duck.signals(e.entity(), 0, Long.MAX_VALUE, 0)) {
                    signals.add(new StoredSignal(e.entity(), r.t(), r.visibleSlash24(), (int) r.visiblePrefixes(), (int) r.peersSeeing(),
                            (int) r.fullFeedPeers(), r.announcements(), r.withdrawals(), r.upstreams()));
                }
            }
            List<EventRow> events = duck.events(null, null, null, null, null, 10_000);
            pg.writeBatch(entities, signals, duck.feedEvents(null, null, 10_000), duck.peers(), events,
                    new org.blackout.server.store.Rows.Checkpoint("replay", 1419306900, "bin_end=1419306900"));

            assertThat(pg.count("signals")).isEqualTo(duck.count("signals"));
            assertThat(pg.timeRange()).containsExactly(duck.timeRange());
            assertThat(pg.binSeconds()).isEqualTo(300);
            for (String e : List.of("country:KP", "as:131279", "prefix:175.45.176.0/22")) {
                assertThat(pg.signals(e, 0, Long.MAX_VALUE, 0)).isEqualTo(duck.signals(e, 0, Long.MAX_VALUE, 0));
                List<SignalRow> a = pg.signals(e, 0, Long.MAX_VALUE, 3600), b = duck.signals(e, 0, Long.MAX_VALUE, 3600);
                assertThat(a).hasSameSizeAs(b);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(a.get(i).t()).isEqualTo(b.get(i).t());
                    assertThat(a.get(i).visibleSlash24()).isCloseTo(b.get(i).visibleSlash24(), org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(a.get(i).announcements()).isEqualTo(b.get(i).announcements());
                }
            }
            assertThat(pg.searchEntities("korea", "country", 10)).isEqualTo(duck.searchEntities("korea", "country", 10));
            assertThat(pg.searchEntities("as:131279", null, 10)).isEqualTo(duck.searchEntities("as:131279", null, 10));
            assertThat(pg.events("outage", "country:KP", null, null, false, 10)).isEqualTo(duck.events("outage", "country:KP", null, null, false, 10));
            assertThat(pg.events(null, null, 1419300000L, null, null, 100)).isEqualTo(duck.events(null, null, 1419300000L, null, null, 100));
            assertThat(pg.peers()).isEqualTo(duck.peers());
            assertThat(pg.checkpoint("replay").orElseThrow().binEnd()).isEqualTo(1419306900);
            assertThat(pg.markDelivered("k", 1)).isTrue();
            assertThat(pg.markDelivered("k", 2)).isFalse();
            assertThat(pg.truncateFrom(1419300000)).isPositive();
            assertThat(pg.timeRange()[1]).isLessThan(1419300000);
            assertThat(pg.prune(1419260000)).isPositive();
            assertThat(pg.timeRange()[0]).isGreaterThanOrEqualTo(1419260000);
        }
    }
}
