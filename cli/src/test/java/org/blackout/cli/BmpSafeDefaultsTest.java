package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blackout bmp} and a {@code bmp:} collect source refuse to listen off loopback for anyone. */
class BmpSafeDefaultsTest {
    @TempDir Path dir;

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
        return new Run(code, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bmpOnAllAddressesWithoutAllowListRefusesToStart() {
        Run r = run("bmp", "--listen", "0.0.0.0:0");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to listen for BMP on 0.0.0.0:0", "--allow", "--allow-any")
                .doesNotContain("listening on");
        Run v6 = run("bmp", "--listen", "[::]:0");
        assertThat(v6.code()).as(v6.err()).isEqualTo(2);
        assertThat(v6.err()).contains("--allow");
    }

    @Test
    void badAllowEntriesAreNamed() {
        Run r = run("bmp", "--listen", "0.0.0.0:0", "--allow", "192.0.2.1,rtr.example.net");
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
        Files.writeString(dir.resolve("collect.yaml"), "bmp: {listen: 0.0.0.0:1790}\n");
        Run r = run("collect", "--config", dir.resolve("collect.yaml").toString(), "--duration", "1s", "--stats", "0");
        assertThat(r.code()).as(r.err()).isNotZero();
        assertThat(r.err()).contains("bmp.allow", "allow-any").doesNotContain("BMP station on");
    }
}
