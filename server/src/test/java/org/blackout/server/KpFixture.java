package org.blackout.server;

import org.blackout.pipeline.config.BlackoutConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.sim.Scenario;
import org.blackout.sim.ScenarioParser;
import org.blackout.sim.Simulation;

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
    public static BlackoutConfig config(Path store, String extraYaml) throws IOException {
        String yaml = """
                store: {duckdb: %s}
                %s
                sources: {replay: [%s]}
                entities: {rir: [%s]}
                watch: [all-countries, as:131279, as:4837, prefix:175.45.176.0/22]
                engine: {bin: 5m}
                detectors: {min_agreeing_peers: 6}
                %s
                """.formatted(store, extraYaml != null && extraYaml.contains("http:") ? "" : "http: {listen: 127.0.0.1:0}", mrt(), RIR,
                extraYaml == null ? "" : extraYaml);
        Path f = Files.createTempFile("serve", ".yml");
        Files.writeString(f, yaml);
        return BlackoutConfig.load(f);
    }

    /** One server over the replayed scenario, with every kind of alert destination, shared by the test classes. */
    public record Shared(Server server, String base, Receivers receivers, com.icegreen.greenmail.util.GreenMail mail, Path alertsFile,
                         Path store, org.blackout.server.alert.Alerts alerts) {}

    private static Shared shared;

    public static synchronized Shared shared() throws Exception {
        if (shared != null) return shared;
        Path dir = Files.createTempDirectory("blackout-server-test");
        Receivers rx = new Receivers();
        var mail = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", "smtp"));
        mail.start();
        int smtp = mail.getSmtp().getPort();
        Path alerts = dir.resolve("alerts.jsonl");
        int dead;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // closed again: nothing listens there
        }
        String yaml = """
                http: {listen: 127.0.0.1:0, token: s3cret}
                alerts:
                  update_interval: 30m
                  destinations:
                    - {name: hook, type: webhook, url: "http://127.0.0.1:%1$d/hook", entities: [country:KP],
                       template: '{"text": "{{text}}", "phase": "{{phase}}", "id": "{{id}}", "event": {{event}}}'}
                    - {name: slack, type: slack, url: "http://127.0.0.1:%1$d/slack", types: [outage]}
                    - {name: mail, type: email, smtp: "127.0.0.1:%2$d", from: blackout@example.org, to: [noc@example.org], types: [outage]}
                    - {name: syslog, type: syslog, host: 127.0.0.1, port: %3$d, types: [outage]}
                    - {name: file, type: file, path: %4$s}
                    - {name: dead, type: webhook, url: "http://127.0.0.1:%5$d/down", types: [outage]}
                """.formatted(rx.httpPort(), smtp, rx.syslogPort(), alerts, dead);
        BlackoutConfig cfg = config(dir.resolve("kp.duckdb"), yaml);
        Server server = new Server(cfg);
        var sent = server.alerts();
        server.runReplay(Long.MAX_VALUE);
        String base = "http://127.0.0.1:" + server.startHttp();
        shared = new Shared(server, base, rx, mail, alerts, dir.resolve("kp.duckdb"), sent);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
            rx.close();
            mail.stop();
        }));
        return shared;
    }

    public static List<Path> files() throws IOException {
        return org.blackout.ingest.mrt.MrtFiles.expand(List.of(mrt()));
    }
}
