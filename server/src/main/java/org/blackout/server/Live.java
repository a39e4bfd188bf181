package org.blackout.server;

import java.io.IOException;
import java.sql.SQLException;
import org.blackout.core.entity.EntityMaps;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.source.LiveSources;
import org.blackout.server.store.StoreSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sources of the configuration ({@code sources:} BGP collector, RIS Live, BMP, MRT
 * archive) feeding the server's pipeline: store, detectors and alerts. A restart starts the
 * routing state afresh from the sessions (their RIBs are re-sent) and appends after the last
 * stored live bin; the archive keeps everything for a later replay.
 */
final class Live implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    static final String SOURCE = "live";

    private final StoreSink sink;
    private final LiveSources sources;

    Live(Server server, CollectConfig cfg, PipelineSettings settings) throws IOException, SQLException {
        EntityMaps maps = settings.entities().load(LOG::warn);
        long after = server.store().checkpoint(SOURCE).map(c -> c.binEnd()).orElse(Long.MIN_VALUE);
        sink = new StoreSink(server.store(), SOURCE, after, maps);
        Pipeline pipeline = server.pipeline(settings, maps, sink, null, true);
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
        });
        self[0] = sources;
        if (sources.bmp() != null) metrics.bmpRefused(sources.bmp()::refused);
        metrics.queue("feed", sources::backlog);
    }

    @Override
    public void close() throws Exception {
        sources.close("Blackout server shutting down");
        sink.flushEvents();
        sink.close();
    }
}
