package org.blackout.server;

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
        ServerConfig cfg = KpFixture.config(dir.resolve("kp.duckdb"), null);

        long checkpoint;
        try (Server first = new Server(cfg)) {
            ServerWiring.wire(first, cfg);
            first.runReplay(150); // dies after 150 new bins (12.5 h of data): during the outage, its event open
            checkpoint = first.store().checkpoint(Server.REPLAY_SOURCE).orElseThrow().binEnd();
            assertThat(first.store().timeRange()[1]).isLessThan(clean.server().store().timeRange()[1]);
        }
        try (Server second = new Server(cfg)) {
            ServerWiring.wire(second, cfg);
            second.runReplay(Long.MAX_VALUE);
            assertThat(second.store().checkpoint(Server.REPLAY_SOURCE).orElseThrow().binEnd()).isGreaterThan(checkpoint);
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
