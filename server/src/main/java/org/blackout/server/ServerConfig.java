package org.blackout.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.core.config.Durations;
import org.blackout.core.config.HostPort;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.pipeline.Detection;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.server.alert.AlertConfig;
import org.blackout.server.store.StoreConfig;

/**
 * {@code blackout serve}'s configuration, from YAML. Relative paths are resolved against the
 * config file's directory. Unknown keys are errors (a typo must not silently disable an alert).
 *
 * <pre>
 * store:   {duckdb: blackout.duckdb, retention: 400d}     # or jdbc: jdbc:postgresql://...
 * http:    {listen: 127.0.0.1:8080, token_env: BLACKOUT_TOKEN}
 * replay:  {inputs: [kp], rir: [...], watch: [all-countries, as:131279], bin: 5m}
 * live:    {config: collect.yaml, rir: [...], watch: [...]}   # blackout collect's YAML: collector, ris-live, archive
 * detectors: {min_agreeing_peers: 6, warmup: 30m}          # any DetectorConfig setting, snake_case
 * alerts:  {update_interval: 30m, destinations: [{type: webhook, url: ...}]}
 * </pre>
 */
public record ServerConfig(StoreConfig store, String host, int port, String token, Replay replay, AlertConfig alerts,
                           Path base, Replay live, Path liveConfig) {

    /**
     * A pipeline's sources and settings: {@code replay:} (MRT archives replayed into the store at
     * start, resuming after the last stored bin; {@code inputs}) or {@code live:} (no inputs: the
     * sources are in the collect YAML).
     */
    public record Replay(List<Path> inputs, PipelineSettings settings) {
        public long binMicros() {
            return settings.engine().binMicros();
        }
    }

    /** The same configuration listening elsewhere ({@code HOST:PORT}). */
    public ServerConfig withListen(String listen) {
        HostPort hp;
        try {
            hp = HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen: " + e.getMessage(), e);
        }
        return new ServerConfig(store, hp.host(), hp.port(), token, replay, alerts, base, live, liveConfig);
    }

    public static ServerConfig load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.newBufferedReader(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": expected a YAML mapping");
        Path base = file.toAbsolutePath().getParent();
        try {
            return parse(root, base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static ServerConfig parse(JsonNode root, Path base) {
        keys(root, "", "store", "http", "replay", "live", "detectors", "alerts");
        Map<String, String> detectors = detectorSettings(root.path("detectors"));
        JsonNode s = root.path("store");
        keys(s, "store.", "duckdb", "jdbc", "user", "password", "password_env", "retention");
        StoreConfig store;
        if (s.hasNonNull("jdbc")) {
            String url = s.get("jdbc").asText();
            if (!url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("store.jdbc: only jdbc:postgresql: URLs are supported");
            String pw = s.hasNonNull("password_env") ? System.getenv(s.get("password_env").asText()) : text(s, "password");
            store = StoreConfig.postgres(url, text(s, "user"), pw);
        } else {
            store = StoreConfig.duckdb(resolve(base, s.hasNonNull("duckdb") ? s.get("duckdb").asText() : "blackout.duckdb"));
        }
        if (s.hasNonNull("retention")) store = store.withRetention(Duration.ofSeconds(seconds(s.get("retention").asText(), "store.retention")));

        JsonNode h = root.path("http");
        keys(h, "http.", "listen", "token", "token_env");
        String listen = h.hasNonNull("listen") ? h.get("listen").asText() : "127.0.0.1:8080";
        HostPort hp;
        try {
            hp = HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http.listen: " + e.getMessage(), e);
        }
        String host = hp.host();
        int port = hp.port();
        String token = h.hasNonNull("token_env") ? System.getenv(h.get("token_env").asText()) : text(h, "token");

        Replay replay = engineSection(root.path("replay"), "replay", base, detectors);
        Replay live = engineSection(root.path("live"), "live", base, detectors);
        Path liveConfig = null;
        if (live != null) {
            if (!root.path("live").hasNonNull("config")) throw new IllegalArgumentException("live.config: the collect YAML (collector, ris-live, archive)");
            liveConfig = resolve(base, root.path("live").get("config").asText());
        }
        AlertConfig alerts = AlertConfig.parse(root.path("alerts"), base);
        return new ServerConfig(store, host, port, token, replay, alerts, base, live, liveConfig);
    }

    /** detectors: every {@code DetectorConfig} setting by its snake_case name (see {@link Detection}). */
    private static Map<String, String> detectorSettings(JsonNode d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d.isMissingNode() || d.isNull()) return out;
        keys(d, "detectors.", Detection.keys().toArray(String[]::new));
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) throw new IllegalArgumentException("detectors." + e.getKey() + ": expected a value");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** replay: or live: — the sources and the pipeline's settings (entity files, watch, engine, the outage gate). */
    private static Replay engineSection(JsonNode r, String name, Path base, Map<String, String> detectors) {
        if (r.isMissingNode()) return null;
        boolean isLive = name.equals("live");
        keys(r, name + ".", isLive ? new String[] {"config", "rir", "geo", "as_names", "watch", "bin", "hold", "threshold",
                "full_feed_ratio", "min_agreeing_peers"} : new String[] {"inputs", "rir", "geo", "as_names", "watch", "bin", "hold",
                "threshold", "full_feed_ratio", "min_agreeing_peers"});
        List<Path> inputs = paths(base, r.path("inputs"), "replay.inputs");
        if (inputs.isEmpty() && !isLive) throw new IllegalArgumentException("replay.inputs: list the MRT files or directories to replay");
        List<String> watch = new ArrayList<>();
        r.path("watch").forEach(n -> watch.add(n.asText()));
        EntitySources entities = new EntitySources(paths(base, r.path("rir"), name + ".rir"), paths(base, r.path("geo"), name + ".geo"),
                r.hasNonNull("as_names") ? resolve(base, r.get("as_names").asText()) : null);
        EngineConfig engine;
        try {
            engine = EngineConfig.defaults().withBin(seconds(r.path("bin").asText("5m"), name + ".bin") * 1_000_000L)
                    .withThreshold(r.path("threshold").asDouble(0.5))
                    .withFullFeed(new FullFeedPolicy(r.path("full_feed_ratio").asDouble(0.8), 1, 1))
                    .withHold(seconds(r.path("hold").asText("1h"), name + ".hold") * 1_000_000L);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(name + ".") ? e : new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        Map<String, String> d = new LinkedHashMap<>(detectors);
        // the outage gate beside the sources it depends on (how many full-feed peers they have)
        if (r.hasNonNull("min_agreeing_peers") && r.get("min_agreeing_peers").asInt(-1) > 0) {
            d.put("min_agreeing_peers", r.get("min_agreeing_peers").asText());
        }
        DetectorConfig dc;
        try {
            dc = Detection.configure(DetectorConfig.defaults(), d);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("detectors:") ? m : "detectors." + m, e);
        }
        return new Replay(inputs, new PipelineSettings(engine, dc, watch, entities));
    }

    static void keys(JsonNode n, String prefix, String... allowed) {
        if (n.isMissingNode() || n.isNull()) return;
        if (!n.isObject()) throw new IllegalArgumentException((prefix.isEmpty() ? "top level" : prefix.substring(0, prefix.length() - 1)) + ": expected a mapping");
        Set<String> ok = Set.of(allowed);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!ok.contains(k)) throw new IllegalArgumentException("unknown key '" + prefix + k + "' (allowed: " + String.join(", ", allowed) + ")");
        }
    }

    static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    public static Path resolveAgainst(Path base, String p) {
        return resolve(base, p);
    }

    static Path resolve(Path base, String p) {
        Path x = Path.of(p);
        return x.isAbsolute() || base == null ? x : base.resolve(x).normalize();
    }

    static List<Path> paths(Path base, JsonNode n, String name) {
        List<Path> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) return out;
        if (n.isTextual()) {
            out.add(resolve(base, n.asText()));
            return out;
        }
        if (!n.isArray()) throw new IllegalArgumentException(name + ": expected a list of paths");
        n.forEach(x -> out.add(resolve(base, x.asText())));
        return out;
    }

    /** A duration in whole seconds ({@link Durations}); the error names the key. */
    public static long seconds(String text, String name) {
        try {
            return Durations.seconds(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
