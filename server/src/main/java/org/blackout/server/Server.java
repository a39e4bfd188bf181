package org.blackout.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityFiles;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.server.api.Api;
import org.blackout.server.metrics.Metrics;
import org.blackout.server.store.Store;
import org.blackout.server.store.StoreSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blackout serve}: the store, the HTTP side (API, dashboard, metrics) and the ingestion
 * that fills the store, in one process. Ingestion runs on its own thread; the HTTP side answers
 * from the store meanwhile.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Checkpoint name of the configured replay. */
    public static final String REPLAY_SOURCE = "replay";

    /** Builds the extra engine listeners (detectors) for a run, given what they should feed. */
    @FunctionalInterface
    public interface Extras {
        List<EngineListener> listeners(Run run);
    }

    private final ServerConfig config;
    private final Store store;
    private final Metrics metrics = new Metrics();
    private final Api api;
    private final AtomicReference<String> state = new AtomicReference<>("starting");
    private Javalin http;
    private Thread ingest;
    private volatile Throwable ingestFailure;
    private volatile StoreSink sink;
    private Extras extras = run -> List.of();

    public Server(ServerConfig config) throws SQLException {
        this.config = config;
        this.store = Store.open(config.store());
        this.api = new Api(store, config.token());
        api.status(this::status);
        api.admin("prune", ctx -> {
            long before = org.blackout.server.api.Params.requiredTime(ctx.queryParam("before"), "before");
            ObjectNode o = Api.json().createObjectNode();
            o.put("deleted", store.prune(before));
            return o;
        });
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** Closed with the server, before the store. */
    public void onClose(AutoCloseable c) {
        closeables.add(c);
    }

    private java.util.function.Consumer<Long> progress = t -> {};

    /** Called on the store writer after each committed batch with its last bin end (epoch seconds). */
    public void progress(java.util.function.Consumer<Long> p) {
        progress = p;
    }

    public void extras(Extras e) {
        extras = e;
    }

    public Store store() {
        return store;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Api api() {
        return api;
    }

    /** Starts the HTTP side; returns the port it listens on. */
    public int startHttp() {
        http = Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            // the API gzips its large answers once and caches them; static files are small
            c.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            api.routes(c);
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        }).start();
        LOG.info("listening on http://{}:{}/ (store {})", config.host(), http.port(), store.describe());
        return http.port();
    }

    public int port() {
        return http.port();
    }

    private ObjectNode status() {
        ObjectNode o = Api.json().createObjectNode();
        o.put("ingest", state.get());
        if (ingestFailure != null) o.put("ingest_error", String.valueOf(ingestFailure.getMessage()));
        StoreSink s = sink;
        if (s != null) o.put("store_queue", s.queueDepth());
        return o;
    }

    /** Starts replaying the configured archives into the store, after its checkpoint. */
    public void startIngest() {
        if (config.replay() == null) {
            state.set("idle (no replay configured)");
            return;
        }
        ingest = Thread.ofPlatform().name("ingest").start(() -> {
            try {
                runReplay(Long.MAX_VALUE);
            } catch (Throwable t) {
                ingestFailure = t;
                state.set("failed");
                LOG.error("ingest failed: {}", t.toString(), t);
            }
        });
    }

    /** Waits for the ingest thread (tests, and serve --exit-after-replay). */
    public void awaitIngest() throws InterruptedException {
        if (ingest != null) ingest.join();
        if (ingestFailure != null) throw new IllegalStateException("ingest failed: " + ingestFailure.getMessage(), ingestFailure);
    }

    /** What one run of the engine feeds: the store (and, via extras, detectors and alerts). */
    public final class Run {
        private final StoreSink storeSink;
        private final EntityMaps maps;

        Run(StoreSink storeSink, EntityMaps maps) {
            this.storeSink = storeSink;
            this.maps = maps;
        }

        public StoreSink storeSink() {
            return storeSink;
        }

        public EntityMaps maps() {
            return maps;
        }

        public Metrics metrics() {
            return metrics;
        }

        public Store store() {
            return store;
        }

        /** Runs at the end of the data, after the engine's last bin and before the store's last batch. */
        public void onFinish(Runnable r) {
            finishers.add(r);
        }

        public long binMicros() {
            return bin;
        }

        public Watch watch() {
            return watch;
        }

        List<Runnable> finishers() {
            return finishers;
        }

        private final List<Runnable> finishers = new ArrayList<>();
        private Watch watch;
        private long bin;
    }

    Run newRun(StoreSink s, EntityMaps maps, Watch watch, long binMicros) {
        Run run = new Run(s, maps);
        run.watch = watch;
        run.bin = binMicros;
        return run;
    }

    private Live live;

    /** Starts the live sources of {@code live.config}, if configured. */
    public void startLive() throws IOException, SQLException {
        ServerConfig.Replay l = config.live();
        if (l == null) return;
        EntityMaps maps = loadMaps(l);
        Watch watch = Watch.parse(l.watch().isEmpty() ? List.of(maps.hasCountries() ? "all-countries" : "all-ases") : l.watch());
        EngineConfig ec = EngineConfig.defaults().withBin(l.binMicros()).withThreshold(l.threshold())
                .withFullFeed(new FullFeedPolicy(l.fullFeedRatio(), 1, 1)).withHold(l.holdMicros());
        live = new Live(this, config.liveConfig(), maps, watch, ec, extras);
        closeables.add(0, live);
        state.set("live");
    }

    /**
     * Replays the archives. Bins up to the stored checkpoint are recomputed silently (the engine's
     * RIBs and the detectors' baselines need them) and not written again; {@code stopAfterBins}
     * simulates a crash for tests by abandoning the run after that many new bins.
     */
    public void runReplay(long stopAfterBins) throws IOException, SQLException {
        ServerConfig.Replay r = config.replay();
        state.set("loading entity maps");
        EntityMaps maps = loadMaps(r);
        long resumeAfter = StoreSink.prepareResume(store, REPLAY_SOURCE);
        if (resumeAfter != Long.MIN_VALUE) LOG.info("resuming after {} (stored bins are recomputed, not rewritten)", java.time.Instant.ofEpochSecond(resumeAfter));
        List<String> watchSpec = r.watch().isEmpty() ? List.of(maps.hasCountries() ? "all-countries" : "all-ases") : r.watch();
        Watch watch = Watch.parse(watchSpec);
        EngineConfig ec = EngineConfig.defaults().withBin(r.binMicros()).withThreshold(r.threshold())
                .withFullFeed(new FullFeedPolicy(r.fullFeedRatio(), 1, 1)).withHold(r.holdMicros());
        StoreSink s = new StoreSink(store, REPLAY_SOURCE, resumeAfter, maps);
        s.afterBatch(progress);
        sink = s;
        metrics.queue("store", s::queueDepth);
        Run run = newRun(s, maps, watch, r.binMicros());
        List<EngineListener> ls = new ArrayList<>();
        ls.add(s);
        ls.addAll(extras.listeners(run));
        long[] bins = {0};
        ls.add(new EngineListener() {
            @Override
            public void binClosed(long start, long end, RoutingView view) {
                var rs = view.routing();
                int up = 0;
                for (int p = 0; p < rs.peerCount(); p++) if (!rs.isStale(p) && rs.rib(p).size() > 0) up++;
                metrics.peers(up, rs.fullFeedCount());
                if (end / 1_000_000L > resumeAfter && ++bins[0] >= stopAfterBins) throw new Abandon();
            }
        });
        Engine engine = new Engine(ec, maps, watch, Detectors.tee(ls.toArray(EngineListener[]::new)));
        List<Path> files = mrtFiles(r.inputs());
        ReplayMerge merge = new ReplayMerge(files);
        state.set("replaying " + files.size() + " files");
        LOG.info("replaying {} files into {}", files.size(), store.describe());
        Object[] lastAttrs = {null};
        try {
            merge.run((collector, e) -> {
                engine.accept(collector, e);
                metrics.dataTime(Math.floorDiv(e.timeMicros(), 1_000_000L));
                boolean newMessage = e.attributes() == null || e.attributes() != lastAttrs[0];
                lastAttrs[0] = e.attributes();
                metrics.element(collector, newMessage);
            });
            engine.finish();
            for (Runnable f : run.finishers) f.run();
            s.flushEvents();
        } catch (Abandon a) {
            LOG.warn("replay abandoned after {} new bins (test crash)", bins[0]);
            s.abandon();
            state.set("abandoned");
            return;
        }
        s.close();
        state.set("replay done (" + merge.elements() + " elements); serving");
        LOG.info("replay done: {} elements, {} signals stored", merge.elements(), store.count("signals"));
    }

    /** Thrown through the engine to simulate a crash mid-stream. */
    private static final class Abandon extends RuntimeException {
        Abandon() {
            super(null, null, false, false);
        }
    }

    /** The MRT files under the inputs, without the notes simulators and archives keep beside them. */
    static List<Path> mrtFiles(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : MrtFiles.expand(inputs)) {
            String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (n.startsWith(".") || n.endsWith(".txt") || n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".md")
                    || n.endsWith(".yaml") || n.endsWith(".yml")) continue;
            out.add(f);
        }
        return out;
    }

    static EntityMaps loadMaps(ServerConfig.Replay r) throws IOException {
        EntityMaps.Builder b = EntityMaps.builder();
        for (Path f : r.rir()) EntityFiles.load(f, b, LOG::warn);
        for (Path f : r.geo()) EntityFiles.load(f, b, LOG::warn);
        if (r.asNames() != null) EntityFiles.load(r.asNames(), b, LOG::warn);
        return b.build();
    }

    @Override
    public void close() throws SQLException {
        if (http != null) http.stop();
        if (ingest != null) ingest.interrupt();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        StoreSink s = sink;
        if (s != null) s.abandon();
        store.close();
    }
}
