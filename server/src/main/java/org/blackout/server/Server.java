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
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventSink.Phase;
import java.io.PrintStream;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.source.ArchiveFollow;
import org.blackout.pipeline.source.ArchiveReplay;
import org.blackout.pipeline.source.ArchiveSelection;
import org.blackout.pipeline.source.WarmUp;
import org.blackout.wire.element.ElementSink;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.config.AlertConfig;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.pipeline.source.MrtInputs;
import org.blackout.server.alert.Alerts;
import org.blackout.server.api.Api;
import org.blackout.server.metrics.Metrics;
import org.blackout.server.store.EventRecorder;
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

    private final BlackoutConfig config;
    private final Store store;
    private final Metrics metrics = new Metrics();
    private final Api api;
    private final AtomicReference<String> state = new AtomicReference<>("starting");
    private Javalin http;
    private Thread ingest;
    private volatile Throwable ingestFailure;
    private volatile StoreSink sink;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Alerts alerts;

    public Server(BlackoutConfig config) throws SQLException {
        this.config = config;
        this.store = Store.open(config.store());
        this.api = new Api(store, config.http().token());
        AlertConfig ac = config.alerts() == null ? AlertConfig.none() : config.alerts();
        this.alerts = ac.destinations().isEmpty() ? null : new Alerts(ac, store, metrics);
        if (alerts != null) closeables.add(alerts);
        api.status(this::status);
        api.admin("prune", ctx -> {
            long before = org.blackout.server.api.Params.requiredTime(ctx.queryParam("before"), "before");
            ObjectNode o = Api.json().createObjectNode();
            o.put("deleted", store.prune(before));
            return o;
        });
    }

    /** Closed with the server, before the store. */
    public void onClose(AutoCloseable c) {
        closeables.add(c);
    }

    private java.util.function.Consumer<Long> progress = t -> {};

    /** Called on the store writer after each committed batch with its last bin end (epoch seconds). */
    public void progress(java.util.function.Consumer<Long> p) {
        progress = p;
    }

    /** The alert destinations (to drain or inspect), or null when none are configured. */
    public Alerts alerts() {
        return alerts;
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
            c.jetty.host = config.http().listen().host();
            c.jetty.port = config.http().listen().port();
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
        LOG.info("listening on http://{}:{}/ (store {})", config.http().listen().host(), http.port(), store.describe());
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
        if (s != null && s.failing() != null) o.put("store_error", s.failing()); // writes failing, being retried
        Live l = live;
        if (l != null && !l.status().isEmpty()) {
            // per bootstrapped collector: bootstrapping (its peers do not count yet, no event fires) or live from T
            ObjectNode c = o.putObject("collectors");
            l.status().forEach(c::put);
        }
        return o;
    }

    /** Starts replaying the configured archives into the store, after its checkpoint. */
    public void startIngest() {
        if (config.sources().replay().isEmpty() && !config.sources().archives().selected()) {
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

    /**
     * The pipeline of one source (the replay, or the live sources): signals into {@code sink}, the
     * detectors' events into the store with the bin's batch, the open-events gauge and the alerts.
     */
    Pipeline pipeline(PipelineSettings settings, EntityMaps maps, StoreSink sink, EngineListener after) throws IOException {
        return pipeline(settings, maps, sink, after, null);
    }

    /** As above; with {@code quietBefore}, signals, feed events and events before it are not stored (a warm-up). */
    Pipeline pipeline(PipelineSettings settings, EntityMaps maps, StoreSink sink, EngineListener after, java.time.Instant quietBefore)
            throws IOException {
        return pipeline(settings, maps, sink, after, quietBefore, null, false);
    }

    /**
     * As above; {@code bootstrap}'s collectors raise no event until they are bootstrapped; {@code live}
     * turns on the detectors' early raise, and a provisional outage is handed to the store writer (and
     * so to the alerts) at once instead of with its bin's batch.
     */
    Pipeline pipeline(PipelineSettings settings, EntityMaps maps, StoreSink sink, EngineListener after, java.time.Instant quietBefore,
            org.blackout.pipeline.source.LiveBootstrap bootstrap, boolean live) throws IOException {
        EventRecorder recorder = new EventRecorder(sink, List.of((phase, e) -> {
            if (phase == Phase.RAISED) metrics.eventOpened(e.type().json());
            if (phase == Phase.LOWERED) metrics.eventClosed(e.type().json());
            if (alerts != null) alerts.onEvent(phase, e);
        }));
        Pipeline.Builder b = Pipeline.builder(settings).maps(maps);
        org.blackout.core.event.EventSink events = bootstrap != null ? bootstrap.quiet(recorder) : recorder;
        if (quietBefore == null) b.signals(sink).events(events);
        else b.signals(WarmUp.quiet(sink, quietBefore)).events(WarmUp.quiet(events, quietBefore));
        if (live) {
            b.earlyRaise(true).events(new org.blackout.core.event.EventSink() {
                @Override
                public void raised(org.blackout.core.event.Event e) {
                    // after the recorder queued it: seconds matter, not the bin's batch
                    if (e.has(org.blackout.core.event.Hint.PROVISIONAL)) sink.flushEvents();
                }
            });
        }
        if (after != null) b.afterDetectors(after);
        return b.build();
    }

    private volatile Live live;

    /**
     * Starts the live sources of {@code sources:} (collector, BMP, RIS Live, archive_poll), if configured;
     * with {@code ris_live.bootstrap} it returns once the archive's part is in the engine.
     */
    public void startLive() throws IOException, SQLException {
        if (!config.sources().anyLive()) return;
        if (!config.sources().bootstrap().isEmpty()) state.set("bootstrapping " + config.sources().bootstrap());
        live = new Live(this, config.sources(), config.pipeline());
        closeables.add(0, live);
        state.set("live");
    }

    /**
     * Replays the archives. Bins up to the stored checkpoint are recomputed silently (the engine's
     * RIBs and the detectors' baselines need them) and not written again; {@code stopAfterBins}
     * simulates a crash for tests by abandoning the run after that many new bins.
     */
    public void runReplay(long stopAfterBins) throws IOException, SQLException {
        PipelineSettings settings = config.pipeline();
        state.set("loading entity maps");
        EntityMaps maps = settings.entities().load(LOG::warn);
        long resumeAfter = StoreSink.prepareResume(store, REPLAY_SOURCE);
        if (resumeAfter != Long.MIN_VALUE) LOG.info("resuming after {} (stored bins are recomputed, not rewritten)", java.time.Instant.ofEpochSecond(resumeAfter));
        StoreSink s = new StoreSink(store, REPLAY_SOURCE, resumeAfter, maps);
        s.afterBatch(progress);
        sink = s;
        metrics.queue("store", s::queueDepth);
        long[] bins = {0};
        // by collector and time range: the RIB before `from` and the updates since build the state quietly
        var a = config.sources().archives();
        ArchiveSelection archives = a.selected() ? a.selection(java.time.Instant.now()) : null;
        PrintStream fetchLog = new LogStream(LOG);
        Pipeline pipeline = pipeline(settings, maps, s, new EngineListener() {
            @Override
            public void binClosed(long start, long end, RoutingView view) {
                var rs = view.routing();
                int up = 0;
                for (int p = 0; p < rs.peerCount(); p++) if (!rs.isStale(p) && rs.rib(p).size() > 0) up++;
                metrics.peers(up, rs.fullFeedCount());
                if (end / 1_000_000L > resumeAfter && ++bins[0] >= stopAfterBins) throw new Abandon();
            }
        }, archives == null ? null : archives.from());
        ArchiveReplay fetched = archives == null ? null : ArchiveReplay.start(archives, fetchLog);
        ReplayMerge merge;
        if (fetched != null) {
            merge = fetched.merge(pipeline::feedEvent);
            state.set("replaying " + archives.collectors() + " " + archives.from() + "–" + archives.until());
            LOG.info("replaying {} from {} until {} into {}", archives.collectors(), archives.from(), archives.until(), store.describe());
        } else {
            List<Path> files = MrtInputs.files(config.sources().replay());
            merge = new ReplayMerge(files);
            state.set("replaying " + files.size() + " files");
            LOG.info("replaying {} files into {}", files.size(), store.describe());
        }
        Object[] lastAttrs = {null};
        try {
            ElementSink tap = (collector, e) -> {
                metrics.dataTime(Math.floorDiv(e.timeMicros(), 1_000_000L));
                boolean newMessage = e.attributes() == null || e.attributes() != lastAttrs[0];
                lastAttrs[0] = e.attributes();
                metrics.element(collector, newMessage);
            };
            if (fetched != null && a.follow()) {
                merge.run((collector, e) -> {
                    pipeline.accept(collector, e);
                    tap.accept(collector, e);
                });
                LOG.info("archives replayed ({}); following {} every {}", fetched.progress().summary(), archives.collectors(), a.poll());
                state.set("following " + archives.collectors());
                followArchives(archives, fetched.lastUpdateStart(), pipeline, fetchLog, a.poll());
                pipeline.finish();
            } else {
                pipeline.replay(merge, tap);
            }
            s.flushEvents();
        } catch (Abandon x) {
            LOG.warn("replay abandoned after {} new bins (test crash)", bins[0]);
            s.abandon();
            state.set("abandoned");
            return;
        } finally {
            if (fetched != null) {
                fetched.close();
                LOG.info(fetched.progress().summary());
            }
        }
        s.close();
        state.set("replay done (" + merge.elements() + " elements); serving");
        LOG.info("replay done: {} elements, {} signals stored", merge.elements(), store.count("signals"));
    }

    /** {@code archives.follow}: polls the archives for new update files until the ingest thread is interrupted. */
    private void followArchives(ArchiveSelection sel, java.util.Map<String, java.time.Instant> after, Pipeline pipeline, PrintStream log,
            java.time.Duration every) throws IOException {
        ArchiveFollow follow = new ArchiveFollow(sel, after, log);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int files = follow.poll(pipeline, java.time.Instant.now());
            if (files > 0) LOG.info("{} new archive files, last {}", files, follow.last());
        }
    }

    /** Thrown through the engine to simulate a crash mid-stream. */
    private static final class Abandon extends RuntimeException {
        Abandon() {
            super(null, null, false, false);
        }
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
