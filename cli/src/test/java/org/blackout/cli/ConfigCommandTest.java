package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.config.BlackoutConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code blackout config check|print}: the examples pass, print reads back, and mistakes name file, line and key. */
class ConfigCommandTest {
    @TempDir Path dir;

    /** The repository's examples/ directory, found from the working directory (the module) upwards. */
    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isRegularFile(p.resolve("DEVELOPERS.md"))) return p.resolve("examples");
        }
        throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
    }

    static String stdout(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            CliRun r = CliRun.of(args);
            assertThat(r.code()).as(r.err()).isZero();
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyExamplePassesCheck() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(examples())) {
            files = s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("examples/*.yml").hasSizeGreaterThanOrEqualTo(2);
        for (Path f : files) {
            CliRun r = CliRun.of("config", "check", f.toString());
            assertThat(r.code()).as("%s: %s", f, r.err()).isZero();
        }
    }

    @Test
    void printReadsBackToTheSameConfiguration() throws Exception {
        for (String example : List.of("demo.yml", "collect.yml")) {
            Path f = examples().resolve(example);
            String printed = stdout("config", "print", f.toString());
            Path again = dir.resolve("printed-" + example);
            Files.writeString(again, printed);
            assertThat(CliRun.of("config", "check", again.toString()).code()).isZero();
            BlackoutConfig a = BlackoutConfig.load(f), b = BlackoutConfig.load(again);
            assertThat(List.of(b.sources(), b.pipeline(), b.store(), b.http(), b.alerts())).as("%s: all but the file's name", example)
                    .isEqualTo(List.of(a.sources(), a.pipeline(), a.store(), a.http(), a.alerts()));
            assertThat(stdout("config", "print", again.toString())).as("printing is stable").isEqualTo(printed);
        }
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndExits2() throws Exception {
        Path f = dir.resolve("typo.yml");
        Files.writeString(f, """
                sources:
                  replay: [mrt]
                engine:
                  bin: 5m
                  hodl: 1h
                """);
        CliRun r = CliRun.of("config", "check", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":5: engine.hodl: unknown key; expected one of bin, threshold");
        CliRun replay = CliRun.of("replay", "--config", f.toString());
        assertThat(replay.code()).isEqualTo(2);
        assertThat(replay.err()).contains("typo.yml:5: engine.hodl: unknown key");
    }

    @Test
    void flagsOverrideTheFileAndTheRestIsKept() throws Exception {
        Path f = dir.resolve("c.yml");
        Files.writeString(f, """
                sources: {replay: [mrt]}
                watch: [country:KP]
                engine: {bin: 1m, hold: 2h}
                detectors: {min_agreeing_peers: 9, warmup: 1h}
                """);
        ReplayCommand r = new ReplayCommand();
        new CommandLine(r).parseArgs("--config", f.toString(), "--min-agreeing-peers", "4", "--hold", "30m");
        BlackoutConfig c = BlackoutConfig.load(f);
        PipelineSettings s = r.entities.settings(c.pipeline(), r.engineOptions, r.detectorOptions, r.policies);
        assertThat(s.detectors().minAgreeingPeers()).as("flag").isEqualTo(4);
        assertThat(s.detectors().warmup()).as("file").isEqualTo(java.time.Duration.ofHours(1));
        assertThat(s.engine().holdMicros()).as("flag").isEqualTo(1_800_000_000L);
        assertThat(s.engine().binMicros()).as("file").isEqualTo(60_000_000L);
        assertThat(s.watch()).containsExactly("country:KP");
        assertThat(c.sources().replay()).containsExactly(dir.resolve("mrt"));
    }
}
