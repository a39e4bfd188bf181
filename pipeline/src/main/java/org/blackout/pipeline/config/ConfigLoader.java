package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.ConfigReader;
import org.blackout.core.config.HostPort;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.core.signal.Watch;
import org.blackout.pipeline.Detection;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.PolicyFiles;

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
        s.keys("replay", "collector", "bmp", "ris_live", "archive");
        return new Sources(s.paths("replay"), LiveSourcesReader.live(s));
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
