package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} with {@code ris_live.bootstrap} from the configuration and {@code --state}: the
 * latest bview comes from the mirror, the state file records where rrc00 stands, and a restart
 * resumes from there out of the cache (no second download of the bview).
 */
class CollectBootstrapStateTest {
    @TempDir Path tmp;

    @Test
    void bootstrapFromTheConfigurationRecordsStateAndARestartResumesFromIt() throws Exception {
        Path bview = Prerequisites.sharedData("mrt/bgpdump/test_data").resolve("bview.20020722.2337.gz");
        Instant mark = Instant.ofEpochSecond(Instant.now().getEpochSecond() / (8 * 3600) * (8 * 3600));
        String name = DateTimeFormatter.ofPattern("yyyy.MM/'bview.'yyyyMMdd.HHmm'.gz'").withZone(ZoneOffset.UTC).format(mark);
        try (MirrorServer m = MirrorServer.start()) {
            m.file("rrc00/" + name, bview);
            Path yml = tmp.resolve("collect.yml"), state = tmp.resolve("state.json");
            // RIS Live itself is unreachable here (a closed port: the client retries); the bootstrap does not need it
            Files.writeString(yml, """
                    sources:
                      ris_live: {url: "ws://127.0.0.1:1/v1/ws/", subscribe: {host: rrc00}, bootstrap: [rrc00]}
                      archives: {urls: {ris: "%s"}, cache: cache, retries: 1, timeout: 5s}
                    watch: [prefix:198.51.100.0/23]
                    """.formatted(m.base()));
            CliRun first = CliRun.of("collect", "--config", yml.toString(), "--duration", "1s", "--state", state.toString());
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.err()).contains("bootstrapped from the archive; live data used from {rrc00=" + mark + "}");
            assertThat(Files.readString(state)).contains("\"rrc00\"", "\"last_applied\" : \"" + mark + "\"");
            long bviews = m.requests().stream().filter(r -> r.contains("/bview.")).count();
            assertThat(bviews).isEqualTo(1);

            CliRun again = CliRun.of("collect", "--config", yml.toString(), "--duration", "1s", "--state", state.toString());
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.err()).contains("collect: resuming [rrc00] from " + mark, "bootstrap: resuming from " + mark)
                    .contains("(0 downloaded, 1 from the cache)");
            assertThat(m.requests().stream().filter(r -> r.contains("/bview.")).count()).as("the bview from the cache").isEqualTo(bviews);
        }
    }
}
