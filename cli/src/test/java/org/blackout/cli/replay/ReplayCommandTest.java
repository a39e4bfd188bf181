package org.blackout.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.cli.Main;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example command, run in-process. */
class ReplayCommandTest {

    static Path shared(String rel) {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path p = Path.of(base, rel);
        Prerequisites.require(Files.exists(p), "missing " + p);
        return p;
    }

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void northKoreaAsJsonLines(@TempDir Path tmp) throws Exception {
        Path rir = shared("rir/delegated-apnic-20141224.txt");
        Path mrt = shared("mrt/bgpdump/test_data/updates.et-header.2015.gz");
        Path signals = tmp.resolve("signals.jsonl");
        Run r = run("replay", "--rir", rir.toString(), "--watch", "country:KP,as:131279", "--format", "jsonl",
                "--signals-out", signals.toString(), mrt.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).containsExactly(
                "{\"time\":\"2015-10-23T02:00:00Z\",\"entity\":\"country:KP\",\"visible_slash24\":4,\"visible_prefixes\":4,"
                        + "\"peers_seeing\":1,\"full_feed_peers\":1,\"announcements\":4,\"withdrawals\":0,\"upstreams\":{\"4837\":1},\"basis\":\"updates\",\"coverage\":1,\"known_prefixes\":4,\"lost_prefixes\":0,"
                        + "\"recent_lost\":0,\"peers_agreeing\":0,\"peers_carrying\":0,\"recent_covered\":0}",
                "{\"time\":\"2015-10-23T02:00:00Z\",\"entity\":\"as:131279\",\"visible_slash24\":4,\"visible_prefixes\":4,"
                        + "\"peers_seeing\":1,\"full_feed_peers\":1,\"announcements\":4,\"withdrawals\":0,\"upstreams\":{\"4837\":1},\"basis\":\"updates\",\"coverage\":1,\"known_prefixes\":4,\"lost_prefixes\":0,"
                        + "\"recent_lost\":0,\"peers_agreeing\":0,\"peers_carrying\":0,\"recent_covered\":0}");
        assertThat(Files.readAllLines(signals)).isEqualTo(lines);
        assertThat(r.err()).contains("577744 elements");
    }

    @Test
    void csvAndTableHaveHeaders() {
        Path mrt = shared("mrt/bgpdump/test_data/updates.20100722.2015.gz");
        Run csv = run("replay", "--watch", "as:3320", "--format", "csv", "--bin", "1m", mrt.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out().lines().findFirst()).hasValue(
                "time,entity,visible_slash24,visible_prefixes,peers_seeing,full_feed_peers,announcements,withdrawals,upstreams");
        assertThat(csv.out().lines().skip(1)).allSatisfy(l -> assertThat(l).contains(",as:3320,"));
        Run table = run("replay", "--watch", "as:3320", "--bin", "PT10M", mrt.toString());
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("time").contains("visible/24");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Path mrt = shared("mrt/bgpdump/test_data/updates.20100722.2015.gz");
        assertThat(run("replay", "--bin", "soon", mrt.toString()).code()).isEqualTo(2);
        assertThat(run("replay", "--watch", "planet:earth", mrt.toString()).err()).contains("unknown entity");
        assertThat(run("replay", "--help").out()).contains("--watch", "--signals-out");
    }
}
