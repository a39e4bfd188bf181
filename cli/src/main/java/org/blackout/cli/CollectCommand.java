package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventText;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.archive.MrtArchive;
import org.blackout.ingest.bgp.BgpCollector;
import org.blackout.ingest.bgp.FeedDispatcher;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.config.ConfigException;
import org.blackout.ingest.config.ConfigLoader;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.bmp.BmpSink;
import org.blackout.ingest.rislive.RisLiveClient;
import org.blackout.wire.net.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code blackout collect}: live BGP sessions and RIS Live in, MRT archive and signals/events out. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Runs the live sources of a YAML config (a passive BGP collector accepting configured "
                + "neighbours, a BMP station for routers, a RIS Live websocket client), writes what the BGP sessions and "
                + "RIS Live receive as an MRT archive "
                + "(BGP4MP_ET updates every 15 min, TABLE_DUMP_V2 RIBs every 2 h, gzip, RouteViews layout) and "
                + "feeds the routing engine, printing signals per time bin and outage events as replay does.",
                "Signals go to stdout; sessions, feed events, detector events and errors to stderr. Ctrl-C closes "
                        + "the BGP sessions with an RFC 9003 shutdown communication and finishes the archive.",
                "",
                "  blackout collect --config collect.yaml",
                "",
                "Config (YAML; every key is checked, errors name the field):",
                "  collector:",
                "    listen: 0.0.0.0:179",
                "    local-as: 65000",
                "    router-id: 192.0.2.1",
                "    hold-time: 90",
                "    neighbours:",
                "      - {address: 192.0.2.2, as: 65001, description: r1, add-path: true}",
                "  bmp:",
                "    listen: 0.0.0.0:1790          # default 127.0.0.1:1790",
                "    allow: [192.0.2.7, 10.0.0.0/8]  # required off loopback (or allow-any: true)",
                "  ris-live:",
                "    url: wss://ris-live.ripe.net/v1/ws/?client=blackout",
                "    subscribe: {host: rrc00}",
                "    stale-after: 60s",
                "  archive:",
                "    directory: mrt",
                "    updates-interval: 15m",
                "    rib-interval: 2h",
                ""})
final class CollectCommand implements Callable<Integer> {

    enum Format { table, csv, jsonl }

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration (see above).")
    Path config;

    @Mixin EntityOptions entities = new EntityOptions();

    @Option(names = "--bin", defaultValue = "5m", paramLabel = "DURATION", description = "Time bin (default ${DEFAULT-VALUE}).")
    String bin;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--stats", defaultValue = "60", paramLabel = "SECONDS",
            description = "Print a one-line count of what was received every SECONDS on stderr (0: never; default ${DEFAULT-VALUE}).")
    int statsSeconds;

    @Option(names = "--queue", defaultValue = "4096", paramLabel = "N",
            description = "Events in flight between the sources and the engine; beyond it the sources are slowed "
                    + "down (TCP backpressure), never buffered (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long (e.g. 10m), as Ctrl-C would; default: run until stopped.")
    String duration;

    @Override
    public Integer call() throws Exception {
        // one line per log record on stderr (the JDK default spends two)
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %5$s%6$s%n");
        }
        CollectConfig cfg;
        long binMicros, stopAfterNanos;
        try {
            cfg = ConfigLoader.load(config);
            binMicros = ReplayCommand.Durations.micros(bin);
            stopAfterNanos = duration == null ? Long.MAX_VALUE : ReplayCommand.Durations.micros(duration) * 1000;
        } catch (ConfigException e) {
            System.err.println("collect: " + config + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("collect: " + e.getMessage());
            return 2;
        }
        EntityMaps maps = entities.loadMaps();
        Watch w;
        try {
            w = entities.watch(maps);
        } catch (IllegalArgumentException e) {
            System.err.println("collect: " + e.getMessage());
            return 2;
        }
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);

        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16));
        AtomicLong elements = new AtomicLong(), signals = new AtomicLong(), feedEvents = new AtomicLong();
        EngineListener printer = new EngineListener() {
            boolean header;

            @Override
            public void signal(Signal s) {
                signals.incrementAndGet();
                if (!header) {
                    header = true;
                    if (format == Format.csv) out.println(SignalText.csvHeader());
                    if (format == Format.table) out.println(SignalText.tableHeader());
                }
                out.println(switch (format) {
                    case jsonl -> SignalText.json(s);
                    case csv -> SignalText.csv(s);
                    case table -> SignalText.table(s);
                });
                out.flush();
            }

            @Override
            public void feedEvent(FeedEvent e) {
                feedEvents.incrementAndGet();
                System.err.println("feed: " + e);
            }
        };
        EventSink lifecycle = new EventSink() {
            @Override
            public void raised(Event e) {
                System.err.println(EventText.lifecycle(EventSink.Phase.RAISED, e));
            }

            @Override
            public void lowered(Event e) {
                System.err.println(EventText.lifecycle(EventSink.Phase.LOWERED, e));
            }
        };
        EventsOutput events = new EventsOutput(DetectorConfig.defaults(), binMicros, w.entities(), lifecycle);
        Engine engine = new Engine(EngineConfig.defaults().withBin(binMicros), maps, w,
                Detectors.tee(printer, events.listener()));

        MrtArchive archive = null;
        if (cfg.archive() != null) {
            IpAddress id = cfg.collector() != null ? IpAddress.v4(cfg.collector().routerId()) : IpAddress.v4(0);
            archive = new MrtArchive(cfg.archive(), id, "blackout");
        }
        MrtArchive arch = archive;
        Consumer<org.blackout.ingest.bgp.FeedEvent> toArchive = arch != null ? arch : e -> { };
        // the engine is single-threaded; the feed's thread and the BMP listener's delivery thread take turns
        BmpSink toEngine = (source, e) -> {
            elements.incrementAndGet();
            synchronized (engine) {
                engine.accept(source, e);
            }
        };
        FeedDispatcher feed = new FeedDispatcher(queue, toArchive, toEngine::accept);
        BgpCollector collector = null;
        RisLiveClient ris = null;
        BmpListener bmp = null;
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                Thread.sleep(3000); // let the main thread close sessions and finish the archive
            } catch (InterruptedException ignored) {
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (cfg.collector() != null) {
                collector = new BgpCollector(cfg.collector(), feed);
                System.err.println("collect: BGP collector on " + collector.start() + ", AS" + cfg.collector().localAs()
                        + ", " + cfg.collector().neighbours().size() + " neighbours");
            }
            if (cfg.risLive() != null) {
                ris = new RisLiveClient(cfg.risLive(), feed);
                ris.start();
                System.err.println("collect: RIS Live client for " + cfg.risLive().url());
            }
            if (cfg.bmp() != null) {
                // BMP routes feed the engine; the archive keeps what BGP sessions and RIS Live received
                bmp = new BmpListener(toEngine, new BmpEvents() {
                    @Override
                    public void refused(java.net.InetSocketAddress address) {
                        System.err.println("collect: BMP connection from " + address.getAddress().getHostAddress()
                                + " refused (not in bmp.allow; further attempts from it are counted, not logged)");
                    }
                });
                cfg.bmp().allow().checkListen(cfg.bmp().listen(), "bmp.allow", "bmp.allow-any: true"); // the loader checked too
                bmp.allow(cfg.bmp().allow());
                System.err.println("collect: BMP station on " + bmp.bind(cfg.bmp().listen()));
            }
            if (arch != null) System.err.println("collect: archive in " + cfg.archive().directory());
            long lastStats = System.nanoTime(), started = lastStats;
            while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS) && System.nanoTime() - started < stopAfterNanos) {
                if (arch != null) arch.tick(System.currentTimeMillis() * 1000);
                if (statsSeconds > 0 && System.nanoTime() - lastStats >= statsSeconds * 1_000_000_000L) {
                    lastStats = System.nanoTime();
                    System.err.printf(Locale.ROOT, "collect: %d elements, %d signals, %d feed events, %d established%s%n",
                            elements.get(), signals.get(), feedEvents.get(),
                            collector != null ? collector.established().size() : 0,
                            ris != null ? ", RIS Live " + ris.messages() + " messages" : "");
                }
            }
        } finally {
            if (stop.getCount() > 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for us
                }
            }
            if (collector != null) collector.shutdown("Blackout collector shutting down");
            if (ris != null) ris.close();
            if (bmp != null) bmp.close();
            feed.close();
            engine.finish();
            events.finish();
            if (arch != null) arch.close();
            out.flush();
            System.err.printf(Locale.ROOT, "collect: %d elements, %d signals, %d feed events%s%n", elements.get(),
                    signals.get(), feedEvents.get(), arch != null ? ", " + arch.written().size() + " archive files" : "");
        }
        return 0;
    }
}
