package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blackout collect}: config errors name the field; a short live run with BIRD leaves a readable archive. */
class CollectCommandTest {
    @TempDir Path dir;

    int run(String... args) {
        return Main.commandLine().execute(args);
    }

    @Test
    void configErrorsNameTheFieldAndExit2() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, """
                sources:
                  collector:
                    local_as: 65000
                    router_id: 192.0.2.1
                    neighbours:
                      - {address: 192.0.2.2, as: 0}
                """);
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = run("collect", "--config", yaml.toString());
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("bad.yaml:6: sources.collector.neighbours[0].as: must be in 1..4294967295");
    }

    @Test
    void shortLiveRunWithBirdWritesAReadableArchive() throws Exception {
        Prerequisites.require(Files.isExecutable(Path.of("/usr/sbin/bird")), "BIRD 2 (/usr/sbin/bird, apt-get install bird2)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("collect.yaml"), """
                sources:
                  collector:
                    listen: 127.0.0.1:%d
                    local_as: 65000
                    router_id: 10.0.0.1
                    neighbours:
                      - {address: 127.0.0.11, as: 65011, description: bird}
                  archive:
                    directory: mrt
                """.formatted(port));
        Files.writeString(dir.resolve("bird.conf"), """
                router id 10.0.0.11;
                protocol device {}
                protocol static s4 { ipv4; route 175.45.176.0/24 blackhole; route 175.45.177.0/24 blackhole; }
                protocol static s6 { ipv6; route 2001:db8:11::/48 blackhole; }
                protocol bgp blackout {
                  local 127.0.0.11 as 65011; neighbor 127.0.0.1 port %d as 65000; multihop;
                  connect delay time 1; connect retry time 1;
                  ipv4 { import none; export all; next hop self; };
                  ipv6 { import none; export all; next hop address 2001:db8::11; };
                }
                """.formatted(port));
        Process bird = new ProcessBuilder("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s",
                dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bird.out").toFile()).start();
        try {
            assertThat(run("collect", "--config", dir.resolve("collect.yaml").toString(), "--duration", "8s",
                    "--stats", "0")).isZero();
        } finally {
            bird.destroy();
            bird.waitFor(5, TimeUnit.SECONDS);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("mrt"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString()).matches("updates\\.\\d{8}\\.\\d{4}\\.gz"));
        if (Prerequisites.optional(Files.isExecutable(Path.of("/usr/bin/bgpdump")),
                "/usr/bin/bgpdump (apt-get install bgpdump): the archive is not read back with it")) {
            Process p = new ProcessBuilder("bgpdump", "-m", files.getFirst().toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            assertThat(out).contains("|STATE|127.0.0.11|65011|5|6", "|A|127.0.0.11|65011|175.45.176.0/24|65011|IGP|",
                    "|A|127.0.0.11|65011|2001:db8:11::/48|65011|IGP|2001:db8::11|", "|STATE|127.0.0.11|65011|6|1");
        }
    }
}
