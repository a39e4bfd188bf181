package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.blackout.testkit.RisLiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code ris_live.bootstrap: [rrc00]}: the live source starts once rrc00's latest
 * bview (the mirror serves one stamped at the current 8-hour mark) is in the engine, and {@code /health}
 * says per collector where it stands.
 */
class ServeBootstrapTest {
    @TempDir Path tmp;

    @Test
    void serveBootstrapsFromTheLatestBviewAndReportsIt() throws Exception {
        Path bview = Prerequisites.sharedData("mrt/bgpdump/test_data").resolve("bview.20020722.2337.gz");
        Instant now = Instant.now();
        Instant mark = Instant.ofEpochSecond(now.getEpochSecond() / (8 * 3600) * (8 * 3600));
        String name = DateTimeFormatter.ofPattern("yyyy.MM/'bview.'yyyyMMdd.HHmm'.gz'").withZone(ZoneOffset.UTC).format(mark);
        try (MirrorServer m = MirrorServer.start(); RisLiveServer ris = RisLiveServer.sending(List.of())) {
            m.file("rrc00/" + name, bview);
            int port = ris.port();
            Path yml = tmp.resolve("serve.yml");
            Files.writeString(yml, """
                    store: {duckdb: b.duckdb}
                    http: {listen: 127.0.0.1:0}
                    watch: [all-ases]
                    sources:
                      ris_live: {url: "ws://127.0.0.1:%d/v1/ws/", subscribe: {host: rrc00}, bootstrap: [rrc00]}
                      archives: {urls: {ris: "%s"}, cache: cache, retries: 1, timeout: 5s}
                    """.formatted(port, m.base()));
            try (Server server = new Server(BlackoutConfig.load(yml))) {
                server.startHttp();
                server.startLive(); // returns once the archive's part is in
                assertThat(m.requests()).anyMatch(r -> r.contains("/rrc00/" + name));
                for (int i = 0; i < 100 && ris.connections() == 0; i++) Thread.sleep(50);
                assertThat(ris.connections()).as("RIS Live subscribed once").isEqualTo(1);
                String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                // live from the bview's time: the update files since are not in the mirror (a gap, logged)
                assertThat(health).contains("\"collectors\":{\"rrc00\":\"live from " + mark + "\"}");
            }
            assertThat(Files.isDirectory(tmp.resolve("cache"))).isTrue();
        }
    }
}
