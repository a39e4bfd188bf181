package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blackout bmp} and a {@code bmp:} collect source refuse to listen off loopback for anyone. */
class BmpSafeDefaultsTest {
    @TempDir Path dir;

    @Test
    void bmpOnAllAddressesWithoutAllowListRefusesToStart() {
        CliRun r = CliRun.of("bmp", "--listen", "0.0.0.0:0");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to listen for BMP on 0.0.0.0:0", "--allow", "--allow-any")
                .doesNotContain("listening on");
        CliRun v6 = CliRun.of("bmp", "--listen", "[::]:0");
        assertThat(v6.code()).as(v6.err()).isEqualTo(2);
        assertThat(v6.err()).contains("--allow");
    }

    @Test
    void badAllowEntriesAreNamed() {
        CliRun r = CliRun.of("bmp", "--listen", "0.0.0.0:0", "--allow", "192.0.2.1,rtr.example.net");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--allow", "not an IP address or prefix: 'rtr.example.net'");
    }

    @Test
    void theDefaultIsLoopback() throws Exception {
        assertThat(new BmpCommand().listen).isEqualTo("127.0.0.1:1790");
        assertThat(Main.commandLine().getSubcommands().get("bmp").getUsageMessage())
                .contains("--allow-any", "127.0.0.1:1790");
    }

    @Test
    void collectWithAnOpenBmpSourceRefusesToStart() throws Exception {
        Files.writeString(dir.resolve("collect.yaml"), "sources: {bmp: {listen: 0.0.0.0:1790}}\n");
        CliRun r = CliRun.of("collect", "--config", dir.resolve("collect.yaml").toString(), "--duration", "1s", "--stats", "0");
        assertThat(r.code()).as(r.err()).isNotZero();
        assertThat(r.err()).contains("sources.bmp.allow", "allow_any").doesNotContain("BMP station on");
    }
}
