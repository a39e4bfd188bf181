package org.blackout.server;

import java.io.IOException;
import java.sql.SQLException;
import org.blackout.core.entity.EntityMaps;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import java.time.Instant;
import org.blackout.pipeline.config.Sources;
import org.blackout.pipeline.source.ArchivePolling;
import org.blackout.pipeline.source.LiveBootstrap;
import org.blackout.pipeline.source.LiveSources;
import org.blackout.server.store.StoreSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sources of the configuration ({@code sources:} BGP collector, RIS Live, BMP, MRT
 * archive) feeding the server's pipeline: store, detectors and alerts. A restart starts the
 * routing state afresh from the sessions (their RIBs are re-sent) and appends after the last
 * stored live bin; the archive keeps everything for a later replay. With {@code ris_live.bootstrap}
 * the listed RIS collectors' latest bview and the archived update files since are loaded first
 * (from the cache when a previous run fetched them). {@code archive_poll} runs as a second source
 * ({@value #POLL_SOURCE}) with its own pipeline, its clock the archive's.
 */
final class Live implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    static final String SOURCE = "live";
    static final String POLL_SOURCE = "archive_poll";

    private final StoreSink sink;
    private final LiveSources sources;
    private final StoreSink pollSink;
    private final Thread poller;
    private final LiveBootstrap bootstrap;
    private final ArchivePolling polling;
    /** A restart resumes from the last stored bin when it is at most this old; else from the latest RIB. */
    static final java.time.Duration RESUME_WITHIN = java.time.Duration.ofDays(7);

    Live(Server server, Sources src, PipelineSettings settings) throws IOException, SQLException {
        EntityMaps maps = settings.entities().load(LOG::warn);
        if (src.archivePoll() != null) {
            long after = server.store().checkpoint(POLL_SOURCE).map(c -> c.binEnd()).orElse(Long.MIN_VALUE);
            pollSink = new StoreSink(server.store(), POLL_SOURCE, after, maps);
            Pipeline pipeline = server.pipeline(settings, maps, pollSink, null);
            polling = new ArchivePolling(src.archives().fetching(src.archivePoll().collectors(), Instant.EPOCH,
                    Instant.EPOCH.plusSeconds(1)), src.archivePoll().poll(), new LogStream(LOG));
            poller = Thread.ofPlatform().name("archive-poll").start(() -> {
                try {
                    polling.run(pipeline);
                } catch (Throwable t) {
                    LOG.error("archive_poll failed: {}", t.toString(), t);
                }
            });
        } else {
            pollSink = null;
            poller = null;
            polling = null;
        }
        if (src.live() == null) {
            sink = null;
            sources = null;
            bootstrap = null;
            return;
        }
        CollectConfig cfg = src.live();
        long after = server.store().checkpoint(SOURCE).map(c -> c.binEnd()).orElse(Long.MIN_VALUE);
        bootstrap = src.bootstrap().isEmpty() ? null
                : new LiveBootstrap(src.archives().fetching(src.bootstrap(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
        if (bootstrap != null && after != Long.MIN_VALUE) {
            // a restart: the bins since the last stored one come again from the cache and the archive
            Instant last = Instant.ofEpochSecond(after);
            if (last.isAfter(bootstrap.clock().instant().minus(RESUME_WITHIN))) bootstrap.resumingFrom(last);
        }
        sink = new StoreSink(server.store(), SOURCE, after, maps);
        Pipeline pipeline = server.pipeline(settings, maps, sink, null, null, bootstrap, true);
        var metrics = server.metrics();
        metrics.queue("store_live", sink::queueDepth);
        LiveSources[] self = {null};
        sources = new LiveSources(cfg, pipeline, 4096, (source, e) -> {
            metrics.dataTime(Math.floorDiv(e.timeMicros(), 1_000_000L));
            metrics.element(source, true);
        }, () -> {
            LiveSources s = self[0];
            if (s != null && s.collector() != null) {
                metrics.peers(s.collector().established().size(), pipeline.engine().routing().fullFeedCount());
            }
        }, new LiveSources.Log() {
            @Override
            public void info(String message) {
                LOG.info(message);
            }

            @Override
            public void warn(String message) {
                LOG.warn(message);
            }

            @Override
            public void refused(java.net.InetSocketAddress address) {
                LOG.warn("BMP connection from {} refused (not in bmp.allow; further attempts from it are counted in "
                        + "blackout_bmp_refused_total, not logged)", address.getAddress().getHostAddress());
            }
        }, bootstrap);
        self[0] = sources;
        if (sources.bmp() != null) metrics.bmpRefused(sources.bmp()::refused);
        metrics.queue("feed", sources::backlog);
    }

    /** Per collector of ris_live.bootstrap and archive_poll: bootstrapping, or live (from when). */
    java.util.Map<String, String> status() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        if (bootstrap != null) out.putAll(bootstrap.status());
        if (polling != null) {
            var last = polling.last();
            for (String c : polling.collectors()) {
                out.put(c, !polling.bootstrapped() ? "bootstrapping" : last.containsKey(c) ? "polling, last file " + last.get(c) : "polling");
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (poller != null) {
            poller.interrupt();
            poller.join(10_000);
            pollSink.flushEvents();
            pollSink.close();
        }
        if (sources == null) return;
        sources.close("Blackout server shutting down");
        sink.flushEvents();
        sink.close();
    }
}
