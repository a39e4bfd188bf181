package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache training ({@code aot-training}) on the bundled files, in a JVM of its
 * own as the launcher runs it: dump writes to the process's stdout directly, which a test JVM must not.
 */
class TrainCommandTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path RIB = REPO.resolve("scenarios/data/as3856-20151023-subset.rib.gz");
    static final Path RIR = REPO.resolve("scenarios/data/delegated-apnic-20141224.txt.gz");

    @TempDir
    Path dir;

    private JvmRun run(String... args) throws IOException, InterruptedException {
        return JvmRun.of(dir, Main.class, args);
    }

    @Test
    void runsDumpThenAReplayOfEveryCountry() throws Exception {
        JvmRun r = run("aot-training", RIB.toString(), RIR.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // the dump: bgpdump -m lines of the RIB subset, one per route
        List<String> dump = r.out().stream().filter(l -> l.startsWith("TABLE_DUMP")).toList();
        assertThat(dump).hasSize(34_946);
        // then the replay: JSON signals per country, and its summary on stderr
        assertThat(r.out().stream().filter(l -> l.startsWith("{\"time\"") && l.contains("\"entity\":\"country:"))).isNotEmpty();
        assertThat(r.err()).contains("replay: 1 files, 34946 elements");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        JvmRun r = run("aot-training", dir.resolve("nothing.rib.gz").toString(), RIR.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("aot-training: cannot read").contains("nothing.rib.gz");
    }
}
