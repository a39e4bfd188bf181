package org.blackout.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.ingest.sim.Scenario;
import org.blackout.ingest.sim.ScenarioParser;
import org.blackout.ingest.sim.Simulation;

/**
 * The North Korea scenario, shortened to 22 h around the outage and to 12 peers (kp-short.yaml), simulated once
 * per build into {@code target/kp-short} and shared by the server's tests.
 */
public final class KpFixture {
    private KpFixture() {}

    public static final Path REPO = Path.of("").toAbsolutePath().getParent();
    public static final Path DIR = Path.of("target", "kp-short").toAbsolutePath();
    public static final Path RIR = REPO.resolve("scenarios/data/delegated-apnic-20141224.txt.gz");

    /** Simulates the scenario unless a previous test of this build already did. */
    public static synchronized Path mrt() throws IOException {
        Path done = DIR.resolve(".done");
        if (Files.exists(done)) return DIR;
        String yaml;
        try (InputStream in = KpFixture.class.getResourceAsStream("/kp-short.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${repo}", REPO.toString());
        }
        Scenario sc = ScenarioParser.parse(yaml, REPO.resolve("scenarios/kp-short.yaml"));
        Simulation.run(sc, DIR, new PrintStream(OutputStream.nullOutputStream()));
        Files.writeString(done, "ok\n");
        return DIR;
    }

    /** A serve configuration replaying the scenario into {@code store} (a DuckDB file). */
    public static ServerConfig config(Path store, String extraYaml) throws IOException {
        String yaml = """
                store: {duckdb: %s}
                http: {listen: 127.0.0.1:0}
                replay:
                  inputs: [%s]
                  rir: [%s]
                  watch: [all-countries, as:131279, as:4837, prefix:175.45.176.0/22]
                  bin: 5m
                  min_agreeing_peers: 6
                %s
                """.formatted(store, mrt(), RIR, extraYaml == null ? "" : extraYaml);
        Path f = Files.createTempFile("serve", ".yml");
        Files.writeString(f, yaml);
        return ServerConfig.load(f);
    }

    public static List<Path> files() throws IOException {
        return org.blackout.ingest.mrt.MrtFiles.expand(List.of(mrt()));
    }
}
