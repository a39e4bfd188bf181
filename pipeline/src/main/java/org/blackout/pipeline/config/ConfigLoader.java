package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.ConfigReader;
import org.blackout.core.config.HostPort;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.catalog.CollectorCatalog;
import org.blackout.ingest.catalog.Project;
import org.blackout.pipeline.Detection;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.PolicyFiles;
import org.blackout.pipeline.source.ArchiveSelection;

/**
 * Reads a {@link BlackoutConfig} (the format is in {@code examples/demo.yml} and the README):
 * every section through one {@link ConfigReader}, so every key is checked, relative paths are
 * relative to the file, and every error is one {@link ConfigException} naming file, line and key.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static BlackoutConfig load(Path file) {
        return read(ConfigReader.load(file), file);
    }

    /** YAML text; {@code source} names it in errors, relative paths resolve against {@code base}. */
    public static BlackoutConfig parse(String yaml, String source, Path base) {
        return read(ConfigReader.parse(yaml, source, base), null);
    }

    static BlackoutConfig read(ConfigReader root, Path file) {
        root.keys(BlackoutConfig.SECTIONS);
        Sources sources = sources(root.section("sources"));
        PipelineSettings pipeline = new PipelineSettings(engine(root.section("engine")), detectors(root.section("detectors")),
                watch(root), entities(root.section("entities")), policies(root.section("entities")));
        return new BlackoutConfig(file, sources, pipeline, store(root.section("store")), http(root.section("http")),
                AlertsReader.alerts(root.section("alerts")));
    }

    private static Sources sources(ConfigReader s) {
        s.keys("replay", "collector", "bmp", "ris_live", "archive", "archives", "archive_poll");
        ArchiveSources archives = archives(s.section("archives"));
        if (archives.selected() && !s.paths("replay").isEmpty()) {
            throw s.error("archives", "replay files or archives.collectors, not both");
        }
        List<String> bootstrap = List.of();
        if (s.has("ris_live")) {
            ConfigReader r = s.section("ris_live");
            bootstrap = collectors(r, "bootstrap");
            for (String c : bootstrap) {
                if (CollectorCatalog.find(c).orElseThrow().project() != Project.RIS) {
                    throw r.error("bootstrap", c + " is not a RIS collector (RIS Live carries RIS collectors only; use archive_poll)");
                }
            }
        }
        ArchivePoll poll = null;
        if (s.has("archive_poll")) {
            ConfigReader p = s.section("archive_poll");
            p.keys("collectors", "poll");
            List<String> cs = collectors(p, "collectors");
            if (cs.isEmpty()) throw p.error("collectors", "required: the collectors to poll");
            Duration every = p.duration("poll", ArchivePoll.POLL);
            if (every.isZero()) throw p.error("poll", "must be more than 0");
            poll = new ArchivePoll(cs, every);
        }
        return new Sources(s.paths("replay"), LiveSourcesReader.live(s), archives, bootstrap, poll);
    }

    /** Collector names, each checked against the catalogue (its error names the item). */
    private static List<String> collectors(ConfigReader s, String key) {
        return s.list(key, t -> {
            CollectorCatalog.resolve(List.of(t));
            return t.trim().toLowerCase(java.util.Locale.ROOT);
        });
    }

    /** {@code sources.archives} (see {@link ArchiveSources}). */
    private static ArchiveSources archives(ConfigReader a) {
        a.keys("collectors", "from", "until", "urls", "broker", "cache", "jobs", "offline", "timeout", "retries", "follow", "poll");
        ArchiveSources d = ArchiveSources.defaults();
        List<String> collectors = collectors(a, "collectors");
        Instant from = time(a, "from"), until = time(a, "until");
        boolean follow = a.bool("follow", false);
        if (!collectors.isEmpty()) {
            if (from == null) throw a.error("from", "required with collectors: the start of the range");
            if (until == null && !follow) throw a.error("until", "required with collectors (unless follow: true)");
            if (until != null && !until.isAfter(from)) throw a.error("until", until + " is not after from " + from);
        } else {
            for (String k : List.of("from", "until")) if (a.has(k)) throw a.error(k, "selects archive files by collector: add collectors");
        }
        Map<Project, URI> urls = new EnumMap<>(Project.class);
        ConfigReader u = a.section("urls");
        for (String k : u.keySet()) {
            Project p;
            try {
                p = Project.of(k);
            } catch (IllegalArgumentException x) {
                throw u.error(k, x.getMessage());
            }
            urls.put(p, uri(u, k, false));
        }
        Duration timeout = a.duration("timeout", d.timeout());
        if (timeout.isZero()) throw a.error("timeout", "must be more than 0");
        Duration poll = a.duration("poll", d.poll());
        if (poll.isZero()) throw a.error("poll", "must be more than 0");
        return new ArchiveSources(collectors, from, until, urls, a.has("broker") ? uri(a, "broker", true) : null,
                a.path("cache", d.cache()), (int) a.integer("jobs", d.jobs(), 1, 64), a.bool("offline", false), timeout,
                (int) a.integer("retries", d.retries(), 1, 100), follow, poll);
    }

    private static Instant time(ConfigReader a, String key) {
        if (!a.has(key)) return null;
        try {
            return ArchiveSelection.time(key, a.string(key));
        } catch (IllegalArgumentException x) {
            throw a.error(key, "not a time (e.g. 2021-10-04T15:00:00Z): " + a.string(key));
        }
    }

    private static URI uri(ConfigReader n, String key, boolean broker) {
        String s = n.string(key);
        try {
            URI u = new URI(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) throw new IllegalArgumentException();
            return broker || s.endsWith("/") ? u : new URI(s + "/");
        } catch (Exception x) {
            throw n.error(key, "expected an http:// or https:// URL, got " + s);
        }
    }

    private static EntitySources entities(ConfigReader e) {
        e.keys("rir", "geo", "as_names", "prefixes", "rpki", "as_rel", "as_rel_format");
        return new EntitySources(e.paths("rir"), e.paths("geo"), e.path("as_names", null));
    }

    private static PolicyFiles policies(ConfigReader e) {
        return new PolicyFiles(e.path("prefixes", null), e.path("rpki", null), e.path("as_rel", null),
                e.choice("as_rel_format", PolicyFiles.RelFormat.class, PolicyFiles.RelFormat.AUTO));
    }

    /** {@code watch:} a list of entities ({@code country:KP}, {@code as:131279}, {@code prefix:P}, {@code all-countries}, ...). */
    private static List<String> watch(ConfigReader root) {
        return root.list("watch", t -> {
            Watch.parse(List.of(t)); // checked here, where the line is known
            return t;
        });
    }

    private static EngineConfig engine(ConfigReader e) {
        e.keys("bin", "threshold", "full_feed_ratio", "full_feed_min", "hold", "loss_share", "loss_floor", "forget", "recent_loss",
                "min_length_v4", "min_length_v6", "max_empty_bins");
        EngineConfig d = EngineConfig.defaults();
        List<Long> min = e.list("full_feed_min", t -> {
            try {
                return Long.parseLong(t.trim());
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("expected a table size (prefixes), got '" + t + "'");
            }
        });
        if (min.size() > 2) throw e.error("full_feed_min", "expected [V4] or [V4, V6]");
        FullFeedPolicy ff = new FullFeedPolicy(e.decimal("full_feed_ratio", d.fullFeed().ratio(), 0, 1),
                min.isEmpty() ? d.fullFeed().minV4() : min.get(0).intValue(), min.size() < 2 ? d.fullFeed().minV6() : min.get(1).intValue());
        try {
            return new EngineConfig(micros(e.duration("bin", micros(d.binMicros()))), e.decimal("threshold", d.threshold(), 0, 0.999999),
                    ff, micros(e.duration("hold", micros(d.holdMicros()))),
                    (int) e.integer("min_length_v4", d.minLengthV4(), 0, 32), (int) e.integer("min_length_v6", d.minLengthV6(), 0, 128),
                    (int) e.integer("max_empty_bins", d.maxEmptyBins(), 0, Integer.MAX_VALUE),
                    e.decimal("loss_share", d.lossShare(), 0, 1), (int) e.integer("loss_floor", d.lossFloor(), 1, Integer.MAX_VALUE),
                    micros(e.duration("forget", micros(d.forgetMicros()))), micros(e.duration("recent_loss", micros(d.recentLossMicros()))));
        } catch (IllegalArgumentException x) {
            throw e.error(x.getMessage());
        }
    }

    /** {@code detectors:} every {@link DetectorConfig} setting by its snake_case name (see {@link Detection}). */
    private static DetectorConfig detectors(ConfigReader d) {
        d.keys(Detection.keys().toArray(String[]::new));
        Map<String, String> settings = d.scalars();
        try {
            return Detection.configure(DetectorConfig.defaults(), settings);
        } catch (IllegalArgumentException x) {
            // a value that does not parse names its setting first; else a combination the detectors refuse
            for (String k : settings.keySet()) {
                if (x.getMessage().startsWith(k + ": ")) throw d.error(k, x.getMessage().substring(k.length() + 2));
            }
            throw d.error(x.getMessage());
        }
    }

    private static StoreConfig store(ConfigReader s) {
        s.keys("duckdb", "jdbc", "user", "password", "password_env", "retention");
        StoreConfig store;
        if (s.has("jdbc")) {
            String url = s.string("jdbc");
            if (!url.startsWith("jdbc:postgresql:")) throw s.error("jdbc", "only jdbc:postgresql: URLs are supported");
            String env = s.string("password_env", null);
            store = new StoreConfig(null, url, s.string("user", null), env != null ? System.getenv(env) : s.string("password", null), env, null);
        } else {
            for (String k : List.of("user", "password", "password_env")) if (s.has(k)) throw s.error(k, "only with jdbc (PostgreSQL)");
            store = StoreConfig.duckdb(s.path("duckdb", s.base() == null ? Path.of("blackout.duckdb") : s.base().resolve("blackout.duckdb")));
        }
        return store.withRetention(s.duration("retention", null));
    }

    private static HttpConfig http(ConfigReader h) {
        h.keys("listen", "token", "token_env");
        HostPort listen = h.has("listen") ? h.hostPort("listen", -1) : HttpConfig.DEFAULT_LISTEN;
        String env = h.string("token_env", null);
        return new HttpConfig(listen, env != null ? System.getenv(env) : h.string("token", null), env);
    }

    private static Duration micros(long m) {
        return Duration.ofNanos(m * 1000);
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
