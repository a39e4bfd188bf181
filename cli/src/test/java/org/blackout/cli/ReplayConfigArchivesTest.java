package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.testkit.MirrorServer;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --config} with the selection in {@code sources.archives}: the same output as the
 * same files by path, and flags override the file's keys ({@code --offline}, {@code --until}).
 */
class ReplayConfigArchivesTest {
    @TempDir Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(List<String> args) {
        PrintStream savedOut = System.out, savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.commandLine().execute(args.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void theConfigurationsArchivesReplayAsTheFilesByPathAndFlagsOverrideThem() throws Exception {
        Path rv = Prerequisites.sharedData("mrt/routeviews-2008-02");
        Path rir = Prerequisites.sharedData("rir");
        List<Path> four;
        try (Stream<Path> s = Files.list(rv)) {
            four = s.filter(p -> p.getFileName().toString().startsWith("updates.20080221.")).sorted().limit(4).toList();
        }
        Path local = Files.createDirectories(tmp.resolve("local"));
        List<String> byPath = new ArrayList<>(List.of("replay", "--rir", rir.toString(), "--watch", "all-countries", "--format", "jsonl",
                "--no-progress"));
        List<String> firstTwo = new ArrayList<>(byPath);
        Path config = tmp.resolve("blackout.yml");
        try (MirrorServer m = MirrorServer.start()) {
            for (int i = 0; i < four.size(); i++) {
                String name = String.format("updates.20080221.%02d%02d.bz2", i * 15 / 60, i * 15 % 60);
                m.file("route-views2/bgpdata/2008.02/UPDATES/" + name, four.get(i));
                String p = Files.copy(four.get(i), local.resolve(name)).toString();
                byPath.add(p);
                if (i < 2) firstTwo.add(p);
            }
            Files.writeString(config, """
                    sources:
                      archives:
                        collectors: [route-views2]
                        from: 2008-02-21T00:00:00Z
                        until: 2008-02-21T01:00:00Z
                        urls: {routeviews: "%s"}
                        cache: cache
                        jobs: 2
                        retries: 2
                        timeout: 5s
                    entities: {rir: ["%s"]}
                    watch: [all-countries]
                    """.formatted(m.base(), rir));
            Run paths = run(byPath);
            assertThat(paths.code()).as(paths.err()).isZero();
            assertThat(paths.out().lines().count()).isGreaterThan(100);

            Run fromConfig = run(List.of("replay", "--config", config.toString(), "--format", "jsonl", "--no-progress"));
            assertThat(fromConfig.code()).as(fromConfig.err()).isZero();
            assertThat(fromConfig.out()).isEqualTo(paths.out());
            assertThat(fromConfig.err()).contains("fetch: 4 files (4 downloaded, 0 from the cache)");
            assertThat(Files.isDirectory(tmp.resolve("cache"))).as("cache: relative to the file").isTrue();
        }
        // the server is gone: --offline (a flag over offline: false) reads the cache the file names
        Run offline = run(List.of("replay", "--config", config.toString(), "--offline", "--format", "jsonl", "--no-progress"));
        assertThat(offline.code()).as(offline.err()).isZero();
        assertThat(offline.out()).isEqualTo(run(byPath).out());
        // --until over the file's until: the first half hour only, as its two files by path
        Run hour = run(List.of("replay", "--config", config.toString(), "--offline", "--until", "2008-02-21T00:30:00Z", "--format", "jsonl",
                "--no-progress"));
        assertThat(hour.code()).as(hour.err()).isZero();
        assertThat(hour.out()).isEqualTo(run(firstTwo).out());
        // files given replace the configuration's archives
        Run files = run(List.of("replay", "--config", config.toString(), "--format", "jsonl", "--no-progress", firstTwo.get(firstTwo.size() - 1)));
        assertThat(files.code()).as(files.err()).isZero();
        assertThat(files.err()).doesNotContain("fetch:");
    }
}
