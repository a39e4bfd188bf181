package org.blackout.pipeline.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.blackout.ingest.archive.MrtArchive;
import org.blackout.ingest.bgp.BgpCollector;
import org.blackout.ingest.bgp.FeedDispatcher;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.rislive.RisLiveClient;
import org.blackout.pipeline.Pipeline;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.net.IpAddress;

/**
 * The live sources of a collect configuration (a BGP collector, RIS Live, a BMP station, the MRT
 * archive of what the BGP sessions and RIS Live received) feeding one {@link Pipeline}. The engine
 * is single-threaded: the feed dispatcher's thread, the BMP listener's delivery thread and the
 * clock take turns (sources are slowed down by TCP when it falls behind, never buffered). Bins
 * close on the wall clock too, a grace period after their end for late elements, so a quiet feed
 * still yields its signals.
 */
public final class LiveSources implements AutoCloseable {
    /** Late elements are waited for this long after a bin's end before it closes on the wall clock. */
    public static final long GRACE_MICROS = 30_000_000L;

    /** Where the sources report (stderr for collect, the log for serve). */
    public interface Log {
        void info(String message);

        void warn(String message);

        /** A router not in {@code bmp.allow} was turned away (later attempts from it are only counted). */
        default void refused(InetSocketAddress address) {
            warn("BMP connection from " + address.getAddress().getHostAddress()
                    + " refused (not in bmp.allow; further attempts from it are counted, not logged)");
        }
    }

    private final Pipeline pipeline;
    private final CollectConfig config;
    private final FeedDispatcher feed;
    private final MrtArchive archive;
    private final BgpCollector collector;
    private final RisLiveClient ris;
    private final BmpListener bmp;
    private final Runnable onTick;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-tick").daemon(true).factory());
    private final Log log;
    private final java.time.Clock clock;
    private boolean closed;

    /**
     * Starts the configured sources.
     *
     * @param queue  events in flight between the sources and the engine
     * @param tap    sees every element after the engine applied it (counts, metrics); may be null
     * @param onTick runs every second with the engine to itself, after the clock advanced it; may be null
     */
    public LiveSources(CollectConfig config, Pipeline pipeline, int queue, ElementSink tap, Runnable onTick, Log log) throws IOException {
        this(config, pipeline, queue, tap, onTick, log, null);
    }

    /**
     * As above; with a {@code bootstrap}, the start blocks until its collectors' latest RIBs and archived
     * updates are in the engine, while what the live sources receive meanwhile is held, then applied
     * without what the archive had (see {@link LiveBootstrap}).
     */
    public LiveSources(CollectConfig config, Pipeline pipeline, int queue, ElementSink tap, Runnable onTick, Log log,
            LiveBootstrap bootstrap) throws IOException {
        this.pipeline = pipeline;
        this.config = config;
        this.onTick = onTick;
        this.log = log;
        this.clock = bootstrap != null ? bootstrap.clock() : java.time.Clock.systemUTC();
        archive = config.archive() == null ? null : new MrtArchive(config.archive(),
                config.collector() != null ? IpAddress.v4(config.collector().routerId()) : IpAddress.v4(0), "blackout");
        ElementSink toEngine = (source, e) -> {
            synchronized (pipeline) {
                pipeline.accept(source, e);
            }
            if (tap != null) tap.accept(source, e);
        };
        feed = new FeedDispatcher(queue, archive != null ? archive : e -> { }, bootstrap != null ? bootstrap.gate(toEngine) : toEngine);
        collector = config.collector() == null ? null : new BgpCollector(config.collector(), feed);
        ris = config.risLive() == null ? null : new RisLiveClient(config.risLive(), feed);
        // BMP routes feed the engine; the archive keeps what BGP sessions and RIS Live received
        bmp = config.bmp() == null ? null : new BmpListener(toEngine, new BmpEvents() {
            @Override
            public void refused(InetSocketAddress address) {
                log.refused(address);
            }
        });
        try {
            if (collector != null) {
                log.info("BGP collector on " + collector.start() + ", AS" + config.collector().localAs() + ", "
                        + config.collector().neighbours().size() + " neighbours");
            }
            if (ris != null) {
                ris.start();
                log.info("RIS Live client for " + config.risLive().url());
            }
            if (bootstrap != null) {
                java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
                try (java.io.PrintStream err = new java.io.PrintStream(report, true, java.nio.charset.StandardCharsets.UTF_8)) {
                    var from = bootstrap.run(pipeline, clock.instant(), err);
                    log.info("bootstrapped from the archive; live data used from " + from);
                } finally {
                    report.toString(java.nio.charset.StandardCharsets.UTF_8).lines().forEach(log::info);
                }
            }
            if (bmp != null) {
                config.bmp().allow().checkListen(config.bmp().listen(), "sources.bmp.allow", "sources.bmp.allow_any: true"); // the loader checked too
                bmp.allow(config.bmp().allow());
                try {
                    log.info("BMP station on " + bmp.bind(config.bmp().listen()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted binding the BMP station");
                }
            }
        } catch (IOException | RuntimeException e) {
            stopSources("Blackout failed to start");
            throw e;
        }
        if (archive != null) log.info("archive in " + config.archive().directory());
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            long now = clock.millis() * 1000;
            if (archive != null) archive.tick(now);
            synchronized (pipeline) {
                pipeline.advance(now - GRACE_MICROS);
                if (onTick != null) onTick.run();
            }
        } catch (RuntimeException e) {
            log.warn("live tick: " + e);
        }
    }

    public BgpCollector collector() {
        return collector;
    }

    public RisLiveClient risLive() {
        return ris;
    }

    /** The BMP station, or null. */
    public BmpListener bmp() {
        return bmp;
    }

    public MrtArchive archive() {
        return archive;
    }

    /** Events waiting for the engine. */
    public int backlog() {
        return feed.backlog();
    }

    /** Closes the BGP sessions with {@code communication} (RFC 9003), stops the sources, finishes the pipeline and the archive. */
    public void close(String communication) throws IOException {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        stopSources(communication);
        synchronized (pipeline) {
            pipeline.finish();
        }
        if (archive != null) archive.close();
    }

    private void stopSources(String communication) throws InterruptedIOException {
        ticker.shutdownNow();
        if (collector != null) collector.shutdown(communication);
        if (ris != null) ris.close();
        try {
            if (bmp != null) bmp.close();
            feed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted stopping the live sources");
        }
    }

    @Override
    public void close() throws IOException {
        close("Blackout shutting down");
    }

    public CollectConfig config() {
        return config;
    }
}
