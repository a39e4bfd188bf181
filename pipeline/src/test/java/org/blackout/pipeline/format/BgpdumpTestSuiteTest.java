package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance: every file of bgpdump's own test suite ({@code mrt/bgpdump/test_data}) dumps byte for
 * byte as its {@code test_expect/NAME.bgp.gz}. Those expectations come from a bgpdump release after
 * Debian's 1.6.2 that clears prefix host bits, hence {@code maskHostBits}.
 */
class BgpdumpTestSuiteTest {

    static Path sharedMrt() {
        String shared = System.getProperty("blackout.shared");
        Path p = shared == null ? null : Path.of(shared, "mrt");
        Prerequisites.require(p != null && Files.isDirectory(p), "shared data (../shared/data/mrt) not available");
        return p;
    }

    @TestFactory
    Stream<DynamicTest> everyTestFileMatchesItsExpectation() throws Exception {
        Path dir = sharedMrt().resolve("bgpdump");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("test_data"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Path expect = dir.resolve("test_expect").resolve(f.getFileName() + ".bgp.gz");
            try (InputStream exp = new GZIPInputStream(Files.newInputStream(expect), 1 << 16)) {
                ComparingOutputStream out = new ComparingOutputStream(new java.io.BufferedInputStream(exp, 1 << 16));
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                Dumper.Result r = Dumper.run(List.of(f), Dumper.Format.BGPDUMP, true, out, new PrintStream(err, true));
                assertThat(out.verdict()).as(f.getFileName().toString()).isNull();
                assertThat(err.toString()).as("stderr").isEmpty();
                assertThat(r.exitCode()).isZero();
                assertThat(r.lines()).isEqualTo(out.lines()).isPositive();
            }
        }));
    }
}
