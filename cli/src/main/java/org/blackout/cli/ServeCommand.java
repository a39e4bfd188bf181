package org.blackout.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.blackout.server.Server;
import org.blackout.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blackout serve}: storage, REST API, dashboard, alerts and metrics in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Replays the configured MRT archives into the store (DuckDB file, or PostgreSQL), resuming after "
                + "the last stored bin, runs the detectors and alerts, and serves the JSON API (/api, /health), the "
                + "dashboard (/) and Prometheus metrics (/metrics). Listens on 127.0.0.1 unless configured otherwise.",
                "",
                "  blackout simulate scenarios/kp-2014-12.yaml --out out/kp",
                "  blackout serve --config examples/demo.yml"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration (see examples/demo.yml)")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "overrides http.listen")
    String listen;

    @Option(names = "--exit-after-replay", description = "stop once the configured archives are stored (no HTTP server)")
    boolean exitAfterReplay;

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg;
        try {
            cfg = ServerConfig.load(config);
            if (listen != null) cfg = cfg.withListen(listen);
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("serve: cannot read " + config + ": " + e.getMessage());
            return 2;
        }
        try (Server server = new Server(cfg)) {
            var alerts = server.alerts();
            if (exitAfterReplay) {
                server.startIngest();
                server.awaitIngest();
                if (alerts != null && !alerts.drain(java.time.Duration.ofSeconds(60))) {
                    System.err.println("serve: " + alerts.pending() + " alerts not delivered (destinations failing); they are retried at the next start");
                }
                return 0;
            }
            server.startHttp();
            server.startIngest();
            server.startLive();
            System.err.println("serve: dashboard at http://" + (cfg.host().contains(":") ? "[" + cfg.host() + "]" : cfg.host()) + ":"
                    + server.port() + "/  (Ctrl-C to stop)");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (java.sql.SQLException e) {
            System.err.println("serve: store: " + e.getMessage());
            return 1;
        } catch (org.blackout.ingest.config.ConfigException e) {
            System.err.println("serve: live.config: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
