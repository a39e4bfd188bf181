package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the three days of route-views2 updates of February 2008 (283 files, 25.5 M rows) dump
 * byte for byte as Debian's {@code bgpdump -m} prints them. Some of their BGP4MP records carry an
 * UPDATE whose length field claims a few bytes more than the record holds (the collector cut messages
 * near 4,096 bytes); bgpdump keeps what is whole in them, so must Blackout, and each such record is
 * reported as a warning with file and offset.
 *
 * <p>Streaming: bgpdump runs beside the decoder and its output is compared as it is written, so
 * memory stays flat. Takes three to four minutes on two shared cores (measured: 184 s and 253 s; 25.7 M rows, 168 cut
 * UPDATEs salvaged in 25 files).
 */
class RouteViews2008ComparisonTest {
    static final String DIR = "routeviews-2008-02";
    private static final Path BGPDUMP = Path.of("/usr/bin/bgpdump");

    @Test
    void all283FilesDumpExactlyAsDebianBgpdump() throws Exception {
        Path dir = BgpdumpTestSuiteTest.sharedMrt().resolve(DIR);
        Prerequisites.require(Files.isDirectory(dir), "shared data " + dir + " not available");
        Prerequisites.require(Files.isExecutable(BGPDUMP), "Debian's bgpdump is not installed (apt-get install bgpdump)");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("updates\\.2008022[1-3]\\.\\d{4}\\.bz2")).sorted()
                    .toList();
        }
        assertThat(files).hasSize(283);
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        long rows = 0, salvaged = 0;
        List<String> filesWithCuts = new ArrayList<>();
        for (Path f : files) {
            Process p = new ProcessBuilder(BGPDUMP.toString(), "-m", f.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String verdict;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Dumper.Result r;
            try (BufferedInputStream expected = new BufferedInputStream(p.getInputStream(), 1 << 16)) {
                ComparingOutputStream out = new ComparingOutputStream(expected);
                r = Dumper.run(List.of(f), Dumper.Format.BGPDUMP, false, out, new PrintStream(err, true));
                verdict = out.verdict();
                rows += out.lines();
            } finally {
                if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            if (verdict != null) failures.add(f.getFileName() + ": " + verdict);
            else if (p.exitValue() != 0) failures.add(f.getFileName() + ": bgpdump exit status " + p.exitValue());
            String reports = err.toString(StandardCharsets.UTF_8);
            long cuts = reports.lines().filter(l -> l.contains("message cut short")).count();
            if (cuts > 0) filesWithCuts.add(f.getFileName().toString());
            salvaged += cuts;
            // nothing else is wrong with these files: no record skipped, every report a warning naming file and offset
            if (r.skipped() != 0) failures.add(f.getFileName() + ": " + r.skipped() + " records skipped: " + reports);
            for (String l : reports.lines().toList()) {
                if (!l.startsWith("blackout dump: warning: " + f + ": offset ")) failures.add("unexpected report: " + l);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("route-views2 2008-02: %d files, %d rows, %d cut UPDATEs salvaged in %d files, %.1f s%n",
                files.size(), rows, salvaged, filesWithCuts.size(), seconds);
        assertThat(failures).as("files whose dump differs from bgpdump -m").isEmpty();
        assertThat(rows).as("rows").isGreaterThan(25_000_000);
        // as counted when this test was written: 168 records in 25 files carry a cut UPDATE
        assertThat(salvaged).as("cut UPDATEs salvaged").isEqualTo(168);
        assertThat(filesWithCuts).hasSize(25);
        // the five files of 2008-02-21 that bgpdump salvages are among those reported
        assertThat(filesWithCuts).contains("updates.20080221.0721.bz2", "updates.20080221.0953.bz2",
                "updates.20080221.1023.bz2", "updates.20080221.1053.bz2", "updates.20080221.1658.bz2");
    }
}
