package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.Durations;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventText;
import org.blackout.core.policy.Policies;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.config.BlackoutConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.pipeline.config.ArchiveSources;
import org.blackout.pipeline.config.Sources;
import org.blackout.pipeline.source.ArchivePolling;
import org.blackout.pipeline.source.LiveState;
import org.blackout.pipeline.source.LiveBootstrap;
import org.blackout.pipeline.source.LiveSources;
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
                "The configuration's sources: collector, bmp, ris_live and archive (see examples/collect.yml; "
                        + "'blackout config check FILE' checks it); its entities, watch, engine and detectors apply, "
                        + "and the flags below override them.",
                ""})
final class CollectCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration file (see above).")
    Path config;

    @Mixin EntityOptions entities = new EntityOptions();

    @Mixin PolicyOptions policies = new PolicyOptions();

    @Mixin EngineOptions engineOptions = new EngineOptions();

    @Mixin DetectorOptions detectorOptions = new DetectorOptions();

    @Option(names = "--format", defaultValue = "table", description = "table, csv or jsonl (default ${DEFAULT-VALUE}).")
    SignalOutput.Format format;

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

    @Option(names = "--bootstrap", split = ",", paramLabel = "COLLECTOR",
            description = "Before following the live feed, load these RIS collectors' latest bview and the archived update "
                    + "files since (e.g. the ris_live host you subscribe to); live messages meanwhile are held, then applied "
                    + "without what the archive already had. Overrides sources.ris_live.bootstrap.")
    List<String> bootstrap;

    @Option(names = "--archive", paramLabel = "PROJECT=URL", description = "For bootstrap and archive_poll: a project's archive "
            + "(e.g. ris=URL of a mirror); overrides sources.archives.urls.")
    Map<String, java.net.URI> archives;

    @Option(names = "--cache", paramLabel = "DIR", description = "For bootstrap and archive_poll: the archive cache "
            + "(default: sources.archives.cache, else the XDG cache directory).")
    Path cache;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Record per collector the last element applied in FILE (JSON); a restart with bootstrap within 7 days "
                    + "resumes from there, out of the cache and the archive, instead of from the latest RIB.")
    Path stateFile;

    /** A restart resumes from the state file when its last element is at most this old. */
    static final java.time.Duration RESUME_WITHIN = java.time.Duration.ofDays(7);

    @Override
    public Integer call() throws Exception {
        // one line per log record on stderr (the JDK default spends two)
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %5$s%6$s%n");
        }
        CollectConfig cfg;
        PipelineSettings settings;
        long stopAfterNanos;
        Sources src;
        ArchiveSources fetching;
        try {
            BlackoutConfig file = BlackoutConfig.load(config);
            src = file.sources();
            cfg = src.live();
            fetching = fetchSettings(src.archives());
            settings = entities.settings(file.pipeline(), engineOptions, detectorOptions, policies);
            stopAfterNanos = duration == null ? Long.MAX_VALUE : Durations.micros(duration) * 1000;
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("collect: " + e.getMessage());
            return 2;
        }
        if (cfg == null && src.archivePoll() == null) {
            System.err.println("collect: " + config + ": sources: configure at least one live source: collector, bmp, ris_live or archive_poll");
            return 2;
        }
        List<String> boot = bootstrap != null ? bootstrap : src.bootstrap();
        if (!boot.isEmpty() && (cfg == null || cfg.risLive() == null)) {
            System.err.println("collect: bootstrap " + boot + " loads RIS collectors before RIS Live: configure sources.ris_live");
            return 2;
        }
        Policies policy;
        try {
            policy = settings.policies().load(System.err::println);
        } catch (java.io.IOException e) {
            System.err.println("collect: " + e.getMessage());
            return 2;
        }
        EntityMaps maps = settings.entities().load();
        Watch w;
        try {
            w = settings.watch(maps);
        } catch (IllegalArgumentException e) {
            System.err.println("collect: " + e.getMessage());
            return 2;
        }
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);

        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16));
        AtomicLong elements = new AtomicLong();
        SignalOutput printer = new SignalOutput(out, format, maps, null, true, true);
        // the live pipeline and archive_poll's print through one lock
        EngineListener shared = synced(printer);
        AtomicLong signals = printer.signals, feedEvents = printer.feed;
        EventSink lifecycle = new EventSink() {
            @Override
            public synchronized void raised(Event e) {
                System.err.println(EventText.lifecycle(EventSink.Phase.RAISED, e));
            }

            @Override
            public synchronized void lowered(Event e) {
                System.err.println(EventText.lifecycle(EventSink.Phase.LOWERED, e));
            }
        };
        LiveBootstrap bootstrapper = boot.isEmpty() ? null
                : new LiveBootstrap(fetching.fetching(boot, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(1)));
        LiveState state;
        try {
            state = stateFile == null ? null : LiveState.load(stateFile);
        } catch (java.io.IOException e) {
            System.err.println("collect: --state: " + e.getMessage());
            return 2;
        }
        if (state != null && bootstrapper != null) {
            var from = state.resumeFrom(boot);
            if (from.isPresent() && from.get().isAfter(java.time.Instant.now().minus(RESUME_WITHIN))) {
                System.err.println("collect: resuming " + boot + " from " + from.get() + " (" + stateFile + ")");
                bootstrapper.resumingFrom(from.get());
            }
        }
        // no event fires while the bootstrapped collectors' archive is replayed
        Pipeline pipeline = Pipeline.builder(settings).maps(maps).watch(w).policies(policy).signals(shared)
                .events(bootstrapper != null ? bootstrapper.quiet(lifecycle) : lifecycle)
                .earlyRaise(true).build(); // live: a total loss is raised at its last withdrawal
        Thread poller = null;
        if (src.archivePoll() != null) {
            // its own engine: the archive's clock runs an update interval or more behind the live one
            Pipeline polled = Pipeline.builder(settings).maps(maps).watch(w).policies(policy).signals(shared).events(lifecycle).build();
            ArchivePolling polling = new ArchivePolling(fetching.fetching(src.archivePoll().collectors(), java.time.Instant.EPOCH,
                    java.time.Instant.EPOCH.plusSeconds(1)), src.archivePoll().poll(), System.err);
            poller = Thread.ofPlatform().name("archive-poll").start(() -> {
                try {
                    polling.run(polled);
                } catch (Throwable t) {
                    System.err.println("collect: archive_poll: " + t);
                }
            });
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                Thread.sleep(3000); // let the main thread close sessions and finish the archive
            } catch (InterruptedException ignored) {
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        LiveSources sources = null;
        try {
            if (cfg != null) {
            sources = new LiveSources(cfg, pipeline, queue, (source, e) -> {
                elements.incrementAndGet();
                if (state != null) state.applied(source, e.timeMicros());
            }, null, new LiveSources.Log() {
                @Override
                public void info(String message) {
                    System.err.println("collect: " + message);
                }

                @Override
                public void warn(String message) {
                    System.err.println("collect: " + message);
                }
            }, bootstrapper);
            }
            if (state != null && bootstrapper != null) {
                bootstrapper.liveFrom().forEach((c, t) -> state.applied(c, t.getEpochSecond() * 1_000_000L));
                state.save();
            }
            var collector = sources == null ? null : sources.collector();
            var ris = sources == null ? null : sources.risLive();
            long lastStats = System.nanoTime(), started = lastStats;
            long lastSave = System.nanoTime();
            while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS) && System.nanoTime() - started < stopAfterNanos) {
                if (state != null && System.nanoTime() - lastSave > 60_000_000_000L) {
                    lastSave = System.nanoTime();
                    state.save();
                }
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
            if (poller != null) {
                poller.interrupt();
                poller.join(10_000);
            }
            if (sources != null) {
                sources.close("Blackout collector shutting down");
                EventsOutput.reportUnjudged(pipeline.unjudged());
            }
            out.flush();
            if (state != null) state.save();
            var arch = sources == null ? null : sources.archive();
            System.err.printf(Locale.ROOT, "collect: %d elements, %d signals, %d feed events%s%n", elements.get(),
                    signals.get(), feedEvents.get(), arch != null ? ", " + arch.written().size() + " archive files" : "");
        }
        return 0;
    }

    /** sources.archives' fetch settings with --archive and --cache over them. */
    private ArchiveSources fetchSettings(ArchiveSources a) {
        Map<org.blackout.ingest.catalog.Project, java.net.URI> urls = new java.util.EnumMap<>(org.blackout.ingest.catalog.Project.class);
        urls.putAll(a.urls());
        if (archives != null) archives.forEach((k, v) -> urls.put(org.blackout.ingest.catalog.Project.of(k), v));
        return new ArchiveSources(a.collectors(), a.from(), a.until(), urls, a.broker(), cache != null ? cache : a.cache(), a.jobs(),
                a.offline(), a.timeout(), a.retries(), a.follow(), a.poll());
    }

    /** {@code l} behind one lock: two pipelines print through it. */
    private static EngineListener synced(EngineListener l) {
        return new EngineListener() {
            @Override
            public synchronized void signal(org.blackout.core.signal.Signal s) {
                l.signal(s);
            }

            @Override
            public synchronized void feedEvent(org.blackout.core.engine.FeedEvent e) {
                l.feedEvent(e);
            }

            @Override
            public synchronized void element(String collector, org.blackout.wire.element.RouteElement e, org.blackout.core.engine.RoutingView v) {
                l.element(collector, e, v);
            }

            @Override
            public synchronized void binClosed(long start, long end, org.blackout.core.engine.RoutingView v) {
                l.binClosed(start, end, v);
            }

            @Override
            public synchronized void finished() {
                l.finished();
            }
        };
    }
}
