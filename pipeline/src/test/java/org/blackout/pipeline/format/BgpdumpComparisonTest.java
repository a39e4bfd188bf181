package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance: every other MRT file under {@code ../shared/data/mrt} dumps exactly as Debian's
 * {@code bgpdump -m} prints it. Where bgpdump itself fails (it logs an error and stops, or prints
 * garbage, on damaged framing) the output may differ, but only if bgpdump's error is there, and then
 * Blackout must print at least as many rows and report every record it skipped or repaired.
 */
class BgpdumpComparisonTest {
    private static final Path BGPDUMP = Path.of("/usr/bin/bgpdump");

    @TestFactory
    Stream<DynamicTest> everyOtherMrtFileMatchesDebianBgpdump() throws IOException {
        Path mrt = BgpdumpTestSuiteTest.sharedMrt();
        Prerequisites.require(Files.isExecutable(BGPDUMP), "Debian's bgpdump is not installed (apt-get install bgpdump)");
        List<Path> files;
        try (Stream<Path> s = Files.walk(mrt)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(mrt.resolve("bgpdump")))
                    .filter(p -> !p.startsWith(mrt.resolve(RouteViews2008ComparisonTest.DIR))) // streamed there
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(md|rst|conf|txt)$"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        return files.stream().map(f -> DynamicTest.dynamicTest(mrt.relativize(f).toString(), () -> compare(f)));
    }

    private static void compare(Path f) throws Exception {
        Process p = new ProcessBuilder(BGPDUMP.toString(), "-v", "-m", f.toString()).start();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] expected = p.getInputStream().readAllBytes();
        String bgpdumpErrors = new String(stderr.get(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("bgpdump exit status").isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream(expected.length + 1024);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Dumper.Result r = Dumper.run(List.of(f), Dumper.Format.BGPDUMP, false, out, new PrintStream(err, true));
        byte[] got = out.toByteArray();
        String ours = err.toString(StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(got, expected)) {
            // identical; any record we skipped must have been reported
            assertThat(ours.lines().count()).isGreaterThanOrEqualTo(r.skipped());
            return;
        }
        // differing output is allowed only where bgpdump itself failed to read the file
        assertThat(bgpdumpErrors).as("bgpdump read %s without error, so the output must be identical;"
                + " first difference: %s", f, firstDifference(got, expected)).contains("[error]");
        assertThat(bgpdumpErrors).containsAnyOf("incomplete dump record", "incomplete MRT header");
        long ourRows = count(got), theirRows = count(expected);
        assertThat(ourRows).as("rows from %s", f).isGreaterThanOrEqualTo(theirRows);
        assertThat(ours).as("what we skipped or repaired is reported with file and offset").contains(f.toString())
                .contains("offset ");
        assertThat(ours.lines().filter(l -> l.contains(": offset ")).count()).isGreaterThanOrEqualTo(
                Math.min(r.skipped(), 1));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(byte[] b) {
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }

    private static String firstDifference(byte[] got, byte[] exp) {
        String[] g = new String(got, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] e = new String(exp, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < Math.min(g.length, e.length); i++) {
            if (!g[i].equals(e[i])) return "line " + (i + 1) + ": got '" + g[i] + "', bgpdump '" + e[i] + "'";
        }
        return "line counts " + g.length + " vs " + e.length;
    }
}
