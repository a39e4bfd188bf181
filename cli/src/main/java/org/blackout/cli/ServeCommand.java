package org.blackout.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.HostPort;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.server.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blackout serve}: storage, REST API, dashboard, alerts and metrics in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Replays the configured MRT files or archives by collector and time range into the store (DuckDB file, "
                + "or PostgreSQL), resuming after the last stored bin, follows the live sources (RIS Live bootstrapped from the "
                + "latest bview, archives polled), runs the detectors and alerts, and serves the JSON API (/api, /health), the "
                + "dashboard (/) and Prometheus metrics (/metrics). Listens on 127.0.0.1 unless configured otherwise.",
                "",
                "  blackout simulate scenarios/kp-2014-12.yaml --out out/kp",
                "  blackout serve --config examples/demo.yml"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The configuration (see examples/demo.yml; 'blackout config check FILE' checks it)")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "overrides http.listen")
    String listen;

    @Option(names = "--exit-after-replay", description = "stop once the configured archives are stored (no HTTP server)")
    boolean exitAfterReplay;

    @Override
    public Integer call() throws Exception {
        BlackoutConfig cfg;
        try {
            cfg = BlackoutConfig.load(config);
            if (listen != null) cfg = cfg.withHttp(cfg.http().withListen(HostPort.parse(listen)));
        } catch (ConfigException e) {
            System.err.println("serve: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("serve: --listen: " + e.getMessage());
            return 2;
        }
        if (cfg.sources().replay().isEmpty() && !cfg.sources().archives().selected() && !cfg.sources().anyLive()) {
            System.err.println("serve: " + config + ": sources: nothing to ingest (replay, archives, collector, bmp, ris_live or archive_poll); "
                    + "serving the store as it is");
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
            HostPort at = new HostPort(cfg.http().listen().host(), server.port());
            System.err.println("serve: dashboard at http://" + at + "/  (Ctrl-C to stop)");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (java.sql.SQLException e) {
            System.err.println("serve: store: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
