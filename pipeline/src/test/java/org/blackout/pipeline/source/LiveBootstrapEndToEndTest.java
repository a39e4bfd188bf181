package org.blackout.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.config.RisLiveConfig;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.ingest.rislive.RisMessageDecoder;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.blackout.testkit.RisLiveServer;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ris_live} with {@code bootstrap: [rrc00]} end to end: {@link LiveSources} with a real
 * websocket client against a local RIS Live server, and a local archive mirror. The engine sees
 * exactly what replaying the bview, the update file and the stream's newer messages gives; the
 * stream's messages the archive already had (the update file's withdrawals again) are not applied twice.
 */
class LiveBootstrapEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path cache;

    private static String message(double ts, RouteElement e, String body) throws Exception {
        ObjectNode d = JSON.createObjectNode();
        d.put("timestamp", ts).put("peer", e.peerAddress().toString()).put("peer_asn", Long.toString(e.peerAs()))
                .put("host", "rrc00").put("type", "UPDATE");
        d.setAll((ObjectNode) JSON.readTree(body));
        ObjectNode m = JSON.createObjectNode().put("type", "ris_message");
        m.set("data", d);
        return JSON.writeValueAsString(m);
    }

    @Test
    void bootstrappedStateIsTheArchiveThenTheStreamWithoutTheOverlap() throws Exception {
        Path dir = Prerequisites.sharedData("mrt/bgpdump/test_data");
        Path bview = dir.resolve("bview.20020722.2337.gz"), updates = dir.resolve("updates.20020722.2238.gz");
        List<RouteElement> archived = new ArrayList<>();
        new ReplayMerge(List.of(updates), List.of("rrc00")).run((c, e) -> archived.add(e));

        // the overlap: the update file's withdrawals again, at their own times (before the archive's end, 23:45)
        List<String> stream = new ArrayList<>();
        int overlap = 0;
        for (RouteElement e : archived) {
            if (e.type() != ElementType.WITHDRAW || overlap == 40) continue;
            stream.add(message(e.timeMicros() / 1e6, e, "{\"withdrawals\":[\"" + e.prefix() + "\"]}"));
            overlap++;
        }
        // then newer messages: a peer of the archive announces and withdraws test prefixes after 23:45
        RouteElement peer = archived.getFirst();
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double t = Instant.parse("2002-07-22T23:45:10Z").getEpochSecond() + i * 3;
            fresh.add(message(t, peer, "{\"path\":[" + peer.peerAs() + ",64500," + (64510 + i) + "],\"origin\":\"igp\","
                    + "\"announcements\":[{\"next_hop\":\"" + peer.peerAddress() + "\",\"prefixes\":[\"198.51." + (100 + i) + ".0/24\"]}]}"));
            if (i % 3 == 0) fresh.add(message(t + 1, peer, "{\"withdrawals\":[\"198.51." + (100 + i) + ".0/24\"]}"));
        }
        stream.addAll(fresh);
        assertThat(overlap).isEqualTo(40);

        List<String> expected = new ArrayList<>();
        new ReplayMerge(List.of(bview, updates), List.of("rrc00", "rrc00")).run((c, e) -> expected.add(c + " " + e));
        RisMessageDecoder decoder = new RisMessageDecoder();
        for (String f : fresh) {
            var r = (RisMessageDecoder.Result.Events) decoder.decode(f);
            for (var ev : r.events()) for (RouteElement e : ev.elements()) expected.add("rrc00 " + e);
        }

        try (MirrorServer m = MirrorServer.start(); RisLiveServer ris = RisLiveServer.sending(stream)) {
            m.file("rrc00/2002.07/bview.20020722.2337.gz", bview).file("rrc00/2002.07/updates.20020722.2340.gz", updates);
            int port = ris.port();
            ArchiveSelection sel = ArchiveSelection.of(List.of("rrc00"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
                    .withArchives(Map.of(Project.RIS, m.base())).withCache(cache).withRetries(Duration.ofSeconds(5), 2, Duration.ofMillis(10));
            Clock clock = Clock.fixed(Instant.parse("2002-07-22T23:47:00Z"), ZoneOffset.UTC);
            LiveBootstrap bootstrap = new LiveBootstrap(sel, clock);
            assertThat(bootstrap.status()).containsExactly(Map.entry("rrc00", "bootstrapping"));
            List<String> log = live(bootstrap, port, expected, overlap);
            assertThat(ris.subscriptions).hasSize(1).allMatch(x -> x.contains("\"host\":\"rrc00\""));
            assertThat(String.join("\n", log)).contains("bootstrapped from the archive; live data used from {rrc00=2002-07-22T23:45:00Z}")
                    .doesNotContain("data gap: rrc00 UPDATES");
            assertThat(bootstrap.status()).containsExactly(Map.entry("rrc00", "live from 2002-07-22T23:45:00Z"));

            // a restart after a stored bin of 23:40: from the RIB at or before it, out of the cache, then the stream again
            long downloads = m.requests().stream().filter(r -> r.contains(".gz")).count();
            LiveBootstrap again = new LiveBootstrap(sel, clock).resumingFrom(Instant.parse("2002-07-22T23:40:00Z"));
            List<String> log2 = live(again, port, expected, overlap);
            assertThat(String.join("\n", log2)).contains("bootstrap: resuming from 2002-07-22T23:40:00Z");
            assertThat(m.requests().stream().filter(r -> r.contains(".gz")).count()).as("files from the cache").isEqualTo(downloads);
        }
    }

    /** Runs LiveSources bootstrapped until the engine has {@code expected} and the overlap was dropped; returns the log. */
    private static List<String> live(LiveBootstrap bootstrap, int port, List<String> expected, int overlap) throws Exception {
        List<String> engine = new CopyOnWriteArrayList<>();
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("prefix:198.51.100.0/23")))
                .maps(EntityMaps.empty()).signals(new EngineListener() {
                    @Override
                    public void element(String collector, RouteElement e, RoutingView view) {
                        engine.add(collector + " " + e);
                    }
                }).build();
        List<String> log = new CopyOnWriteArrayList<>();
        CollectConfig cfg = new CollectConfig(null, new RisLiveConfig(URI.create("ws://127.0.0.1:" + port + "/v1/ws/?client=blackout-test"),
                Map.of("host", "rrc00", "type", "UPDATE"), Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofMillis(400)), null, null);
        try (LiveSources sources = new LiveSources(cfg, pipeline, 1024, null, null, new LiveSources.Log() {
            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        }, bootstrap)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((engine.size() < expected.size() || bootstrap.dropped() < overlap) && System.nanoTime() < deadline) Thread.sleep(50);
            Thread.sleep(300); // nothing more may come
            assertThat(engine).as("archive, then the stream's newer messages; log %s", log).hasSize(expected.size());
            assertThat(engine).isEqualTo(expected);
            assertThat(bootstrap.dropped()).as("the overlap: applied once, from the archive").isEqualTo(overlap);
        }
        return log;
    }
}
