package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private record Run(int code, List<String> out, String err) {}

    private Run run(String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out"), err = dir.resolve("err");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aot-training finished").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsDumpThenAReplayOfEveryCountry() throws Exception {
        Run r = run("aot-training", RIB.toString(), RIR.toString());
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
        Run r = run("aot-training", dir.resolve("nothing.rib.gz").toString(), RIR.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("aot-training: cannot read").contains("nothing.rib.gz");
    }
}
