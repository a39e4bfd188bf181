package org.blackout.server;

import org.blackout.pipeline.config.BlackoutConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Store;
import org.junit.jupiter.api.Test;

/**
 * A replay into the store dies mid-stream (the writer drops what it had queued, as a killed
 * process would), then a new server on the same file resumes from the checkpoint. The store ends
 * up exactly as after one uninterrupted run: no signal or event lost, none duplicated.
 */
class ResumeTest {

    @Test
    void crashThenResumeEqualsOneCleanRun() throws Exception {
        KpFixture.Shared clean = KpFixture.shared();
        Path dir = Files.createTempDirectory("resume");
        BlackoutConfig cfg = KpFixture.config(dir.resolve("kp.duckdb"), null);

        long checkpoint;
        try (Server first = new Server(cfg)) {
            first.runReplay(150); // dies after 150 new bins (12.5 h of data): during the outage, its event open
            checkpoint = first.store().checkpoint(Server.REPLAY_SOURCE).orElseThrow().binEnd();
            assertThat(first.store().timeRange()[1]).isLessThan(clean.server().store().timeRange()[1]);
        }
        try (Server second = new Server(cfg)) {
            second.runReplay(Long.MAX_VALUE);
            assertThat(second.store().checkpoint(Server.REPLAY_SOURCE).orElseThrow().binEnd()).isGreaterThan(checkpoint);
            assertSameContents(second.store(), clean.server().store());
        }
    }

    /** The same with a real crash: the replaying JVM is killed (SIGKILL) mid-stream, DuckDB recovers its file. */
    @Test
    void killedProcessResumes() throws Exception {
        KpFixture.Shared clean = KpFixture.shared();
        Path dir = Files.createTempDirectory("resume-kill");
        BlackoutConfig cfg = KpFixture.config(dir.resolve("kp.duckdb"), null);
        Path yml = dir.resolve("serve.yml");
        Files.writeString(yml, """
                store: {duckdb: %s}
                http: {listen: 127.0.0.1:0}
                sources: {replay: [%s]}
                entities: {rir: [%s]}
                watch: [all-countries, as:131279, as:4837, prefix:175.45.176.0/22]
                detectors: {min_agreeing_peers: 6}
                """.formatted(dir.resolve("kp.duckdb"), KpFixture.mrt(), KpFixture.RIR));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ReplayChild.class.getName(), yml.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long killAt = java.time.Instant.parse("2014-12-22T20:00:00Z").getEpochSecond(); // mid-outage
        long seen = 0;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("stored ")) seen = Long.parseLong(line.substring(7));
                if (seen >= killAt) break;
            }
        }
        child.destroyForcibly().waitFor();
        assertThat(seen).as("the child got far enough before the kill").isGreaterThanOrEqualTo(killAt);
        try (Server second = new Server(cfg)) {
            long resumed = second.store().checkpoint(Server.REPLAY_SOURCE).orElseThrow().binEnd();
            assertThat(resumed).isBetween(killAt, clean.server().store().timeRange()[1]);
            second.runReplay(Long.MAX_VALUE);
            assertSameContents(second.store(), clean.server().store());
        }
    }

    static void assertSameContents(Store got, Store want) throws Exception {
        assertThat(got.count("signals")).isEqualTo(want.count("signals"));
        assertThat(got.count("feed_events")).isEqualTo(want.count("feed_events"));
        List<EntityRow> entities = want.searchEntities("", null, 10_000);
        assertThat(got.searchEntities("", null, 10_000)).containsExactlyInAnyOrderElementsOf(entities);
        for (EntityRow e : entities) {
            assertThat(got.signals(e.entity(), 0, Long.MAX_VALUE, 0)).as(e.entity()).isEqualTo(want.signals(e.entity(), 0, Long.MAX_VALUE, 0));
        }
        List<String> g = new ArrayList<>(), w = new ArrayList<>();
        for (EventRow r : got.events(null, null, null, null, null, 10_000)) g.add(r.id() + " " + r.raised() + " " + r.lowered() + " " + r.body());
        for (EventRow r : want.events(null, null, null, null, null, 10_000)) w.add(r.id() + " " + r.raised() + " " + r.lowered() + " " + r.body());
        assertThat(g).isNotEmpty().containsExactlyInAnyOrderElementsOf(w);
        assertThat(g).anyMatch(x -> x.startsWith("outage/country:KP/"));
    }
}
