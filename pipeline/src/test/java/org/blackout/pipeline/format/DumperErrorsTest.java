package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read is named with the reason, and the files after it are still dumped. */
class DumperErrorsTest {
    private static final Path RIB = Path.of("").toAbsolutePath().getParent()
            .resolve("scenarios/data/as3856-20151023-subset.rib.gz");

    @Test
    void aMissingFileIsNamedAndTheNextIsStillDumped(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing.mrt");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Dumper.Result r = Dumper.run(List.of(missing, RIB), Dumper.Format.BGPDUMP, out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("blackout dump: cannot read " + missing + " (no such file)");
        assertThat(r.failedFiles()).isEqualTo(1);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.lines()).isEqualTo(34_946);
        assertThat(out.toString(StandardCharsets.US_ASCII).lines().count()).isEqualTo(34_946);
    }
}
