package org.blackout.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.archive.MrtArchive;
import org.blackout.ingest.bgp.BgpCollector;
import org.blackout.ingest.bgp.FeedDispatcher;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.bmp.BmpSink;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.config.ConfigLoader;
import org.blackout.ingest.rislive.RisLiveClient;
import org.blackout.server.store.StoreSink;
import org.blackout.wire.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sources of a {@code blackout collect} configuration (BGP collector, RIS Live, MRT
 * archive) feeding the server's engine, store, detectors and alerts. The engine runs on the feed
 * dispatcher's thread; sources are slowed down by TCP when it falls behind (never buffered).
 * A restart starts the routing state afresh from the sessions (their RIBs are re-sent) and
 * appends after the last stored live bin; the archive keeps everything for a later replay.
 */
final class Live implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    static final String SOURCE = "live";
    private static final long GRACE_MICROS = 30_000_000L;

    private final FeedDispatcher feed;
    private final Engine engine;
    private final StoreSink sink;
    private final List<Runnable> finishers;
    private final BgpCollector collector;
    private final RisLiveClient ris;
    private final BmpListener bmp;
    private final MrtArchive archive;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-tick").daemon(true).factory());

    Live(Server server, Path collectYaml, EntityMaps maps, Watch watch, org.blackout.core.engine.EngineConfig ec,
         Server.Extras extras) throws IOException, SQLException {
        CollectConfig cfg = ConfigLoader.load(collectYaml);
        long after = server.store().checkpoint(SOURCE).map(c -> c.binEnd()).orElse(Long.MIN_VALUE);
        sink = new StoreSink(server.store(), SOURCE, after, maps);
        Server.Run run = server.newRun(sink, maps, watch, ec.binMicros());
        List<EngineListener> ls = new ArrayList<>();
        ls.add(sink);
        ls.addAll(extras.listeners(run));
        finishers = run.finishers();
        engine = new Engine(ec, maps, watch, Detectors.tee(ls.toArray(EngineListener[]::new)));
        archive = cfg.archive() == null ? null
                : new MrtArchive(cfg.archive(), cfg.collector() != null ? IpAddress.v4(cfg.collector().routerId()) : IpAddress.v4(0), "blackout");
        var metrics = server.metrics();
        // the engine is single-threaded: the feed's thread and the BMP listener's delivery thread take turns
        BmpSink toEngine = (source, e) -> {
            synchronized (engine) {
                engine.accept(source, e);
            }
            metrics.dataTime(Math.floorDiv(e.timeMicros(), 1_000_000L));
            metrics.element(source, true);
        };
        feed = new FeedDispatcher(4096, archive != null ? archive : e -> { }, toEngine::accept);
        metrics.queue("feed", feed::backlog);
        metrics.queue("store_live", sink::queueDepth);
        collector = cfg.collector() == null ? null : new BgpCollector(cfg.collector(), feed);
        ris = cfg.risLive() == null ? null : new RisLiveClient(cfg.risLive(), feed);
        if (collector != null) LOG.info("BGP collector on {}, AS{}, {} neighbours", collector.start(), cfg.collector().localAs(),
                cfg.collector().neighbours().size());
        if (ris != null) {
            ris.start();
            LOG.info("RIS Live client for {}", cfg.risLive().url());
        }
        bmp = cfg.bmp() == null ? null : new BmpListener(toEngine, new BmpEvents() {
            @Override
            public void refused(java.net.InetSocketAddress address) {
                LOG.warn("BMP connection from {} refused (not in bmp.allow; further attempts from it are counted in "
                        + "blackout_bmp_refused_total, not logged)", address.getAddress().getHostAddress());
            }
        });
        if (bmp != null) {
            cfg.bmp().allow().checkListen(cfg.bmp().listen(), "bmp.allow", "bmp.allow-any: true"); // the loader checked too
            bmp.allow(cfg.bmp().allow());
            BmpListener station = bmp;
            metrics.bmpRefused(station::refused);
            try {
                LOG.info("BMP station on {}", bmp.bind(cfg.bmp().listen()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted binding the BMP station");
            }
        }
        ticker.scheduleAtFixedRate(() -> {
            try {
                long now = System.currentTimeMillis() * 1000;
                if (archive != null) archive.tick(now);
                // bins close on the wall clock too, a grace period after their end for late elements
                synchronized (engine) {
                    engine.advance(now - GRACE_MICROS);
                    if (collector != null) metrics.peers(collector.established().size(), engine.routing().fullFeedCount());
                }
            } catch (RuntimeException e) {
                LOG.warn("live tick: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        if (collector != null) collector.shutdown("Blackout server shutting down");
        if (ris != null) ris.close();
        if (bmp != null) bmp.close();
        feed.close();
        synchronized (engine) {
            engine.finish();
        }
        for (Runnable f : finishers) f.run();
        sink.flushEvents();
        sink.close();
        if (archive != null) archive.close();
    }
}
