package org.blackout.pipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.blackout.core.config.Durations;
import org.blackout.core.config.HostPort;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.engine.EngineConfig;
import org.blackout.ingest.catalog.Project;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.pipeline.Detection;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.PolicyFiles;
import org.blackout.wire.net.IpAddress;

/**
 * The effective configuration as YAML (Jackson), every setting with its value, defaults filled in,
 * in the format {@link ConfigLoader} reads back to the same {@link BlackoutConfig}. Secrets are
 * never printed: a value from the environment prints its variable, a literal one {@value #HIDDEN}.
 */
public final class ConfigPrinter {
    public static final String HIDDEN = "(hidden)";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build());

    private ConfigPrinter() {}

    public static String yaml(BlackoutConfig c) {
        try {
            return YAML.writeValueAsString(tree(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration as a tree, sections in {@link BlackoutConfig#SECTIONS} order. */
    public static ObjectNode tree(BlackoutConfig c) {
        ObjectNode root = F.objectNode();
        root.set("sources", sources(c.sources()));
        PipelineSettings p = c.pipeline();
        root.set("entities", entities(p.entities(), p.policies()));
        root.set("watch", strings(p.watch()));
        root.set("engine", engine(p.engine()));
        root.set("detectors", detectors(p.detectors()));
        root.set("store", store(c.store()));
        root.set("http", http(c.http()));
        root.set("alerts", alerts(c.alerts()));
        return root;
    }

    private static ObjectNode sources(Sources s) {
        ObjectNode o = F.objectNode();
        o.set("replay", paths(s.replay()));
        o.set("archives", archives(s.archives()));
        if (s.archivePoll() != null) {
            ObjectNode n = o.putObject("archive_poll");
            n.set("collectors", strings(s.archivePoll().collectors()));
            n.put("poll", Durations.format(s.archivePoll().poll()));
        }
        CollectConfig live = s.live();
        if (live == null) return o;
        if (live.collector() != null) {
            var c = live.collector();
            ObjectNode n = o.putObject("collector");
            n.put("listen", endpoint(c.listen()));
            n.put("local_as", c.localAs());
            n.put("router_id", IpAddress.v4(c.routerId()).toString());
            n.put("hold_time", Durations.format(Duration.ofSeconds(c.holdTime())));
            ArrayNode ns = n.putArray("neighbours");
            for (NeighbourConfig nb : c.neighbours()) {
                ObjectNode x = ns.addObject();
                x.put("address", nb.address().getHostAddress());
                x.put("as", nb.as());
                x.put("description", nb.description());
                x.put("add_path", nb.addPath());
            }
        }
        if (live.bmp() != null) {
            ObjectNode n = o.putObject("bmp");
            n.put("listen", endpoint(live.bmp().listen()));
            n.set("allow", strings(live.bmp().allow().entries().stream().map(Object::toString).toList()));
            n.put("allow_any", live.bmp().allow().any());
        }
        if (live.risLive() != null) {
            var r = live.risLive();
            ObjectNode n = o.putObject("ris_live");
            n.put("url", r.url().toString());
            n.set("subscribe", YAML.valueToTree(r.subscribe()));
            n.put("stale_after", Durations.format(r.staleAfter()));
            n.put("reconnect_min", Durations.format(r.reconnectMin()));
            n.put("reconnect_max", Durations.format(r.reconnectMax()));
            n.set("bootstrap", strings(s.bootstrap()));
        }
        if (live.archive() != null) {
            var a = live.archive();
            ObjectNode n = o.putObject("archive");
            n.put("directory", a.directory().toString());
            n.put("updates_interval", Durations.format(a.updatesInterval()));
            n.put("rib_interval", Durations.format(a.ribInterval()));
        }
        return o;
    }

    private static ObjectNode archives(ArchiveSources a) {
        ObjectNode n = F.objectNode();
        n.set("collectors", strings(a.collectors()));
        if (a.from() != null) n.put("from", a.from().toString());
        if (a.until() != null) n.put("until", a.until().toString());
        ObjectNode urls = n.putObject("urls");
        for (Project p : Project.values()) urls.put(p.id(), a.urls().getOrDefault(p, p.defaultBase()).toString());
        if (a.broker() != null) n.put("broker", a.broker().toString());
        n.put("cache", a.cache().toString());
        n.put("jobs", a.jobs());
        n.put("offline", a.offline());
        n.put("timeout", Durations.format(a.timeout()));
        n.put("retries", a.retries());
        n.put("follow", a.follow());
        n.put("poll", Durations.format(a.poll()));
        return n;
    }

    private static ObjectNode entities(EntitySources e, PolicyFiles p) {
        ObjectNode o = F.objectNode();
        o.set("rir", paths(e.rir()));
        o.set("geo", paths(e.geo()));
        putPath(o, "as_names", e.asNames());
        putPath(o, "prefixes", p.prefixes());
        putPath(o, "rpki", p.rpki());
        putPath(o, "as_rel", p.asRel());
        o.put("as_rel_format", p.asRelFormat().name().toLowerCase(Locale.ROOT));
        return o;
    }

    private static ObjectNode engine(EngineConfig e) {
        ObjectNode o = F.objectNode();
        o.put("bin", micros(e.binMicros()));
        o.put("threshold", e.threshold());
        o.put("full_feed_ratio", e.fullFeed().ratio());
        o.set("full_feed_min", F.arrayNode().add(e.fullFeed().minV4()).add(e.fullFeed().minV6()));
        o.put("hold", micros(e.holdMicros()));
        o.put("loss_share", e.lossShare());
        o.put("loss_floor", e.lossFloor());
        o.put("forget", micros(e.forgetMicros()));
        o.put("recent_loss", micros(e.recentLossMicros()));
        o.put("min_length_v4", e.minLengthV4());
        o.put("min_length_v6", e.minLengthV6());
        o.put("max_empty_bins", e.maxEmptyBins());
        return o;
    }

    private static ObjectNode detectors(DetectorConfig d) {
        ObjectNode o = F.objectNode();
        for (Map.Entry<String, Object> e : Detection.values(d).entrySet()) {
            switch (e.getValue()) {
                case Duration x -> o.put(e.getKey(), Durations.format(x));
                case Integer x -> o.put(e.getKey(), x);
                case Long x -> o.put(e.getKey(), x);
                case Double x -> o.put(e.getKey(), x);
                case Boolean x -> o.put(e.getKey(), x);
                case Enum<?> x -> o.put(e.getKey(), x.name().toLowerCase(Locale.ROOT));
                default -> o.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return o;
    }

    private static ObjectNode store(StoreConfig s) {
        ObjectNode o = F.objectNode();
        if (s.postgres()) {
            o.put("jdbc", s.jdbcUrl());
            if (s.user() != null) o.put("user", s.user());
            secret(o, "password", s.password(), s.passwordEnv());
        } else {
            o.put("duckdb", s.duckdb().toString());
        }
        if (s.retention() != null) o.put("retention", Durations.format(s.retention()));
        return o;
    }

    private static ObjectNode http(HttpConfig h) {
        ObjectNode o = F.objectNode();
        o.put("listen", h.listen().toString());
        secret(o, "token", h.token(), h.tokenEnv());
        return o;
    }

    private static ObjectNode alerts(AlertConfig a) {
        ObjectNode o = F.objectNode();
        o.put("update_interval", Durations.format(a.updateInterval()));
        ArrayNode ds = o.putArray("destinations");
        for (AlertConfig.Destination d : a.destinations()) {
            ObjectNode x = ds.addObject();
            x.put("name", d.name());
            x.put("type", d.kind().name().toLowerCase(Locale.ROOT));
            if (!d.entities().isEmpty()) x.set("entities", strings(new TreeSet<>(d.entities())));
            if (!d.types().isEmpty()) x.set("types", strings(new TreeSet<>(d.types())));
            switch (d.kind()) {
                case WEBHOOK, SLACK -> {
                    x.put("url", d.url());
                    if (d.template() != null) x.put("template", d.template());
                }
                case EMAIL -> {
                    x.put("smtp", new HostPort(d.smtpHost(), d.smtpPort()).toString());
                    if (d.smtpUser() != null) x.put("user", d.smtpUser());
                    if (d.smtpPassword() != null) x.put("password", HIDDEN);
                    x.put("from", d.from());
                    x.set("to", strings(d.to()));
                    if (d.template() != null) x.put("template", d.template());
                }
                case SYSLOG -> {
                    x.put("host", d.host());
                    x.put("port", d.port());
                }
                case FILE -> x.put("path", d.path().toString());
            }
        }
        return o;
    }

    private static void secret(ObjectNode o, String key, String value, String env) {
        if (env != null) o.put(key + "_env", env);
        else if (value != null) o.put(key, HIDDEN);
    }

    private static String endpoint(InetSocketAddress a) {
        return new HostPort(a.getAddress() == null || a.getAddress().isAnyLocalAddress() && a.getAddress().getAddress().length == 4
                ? "0.0.0.0" : a.getAddress().getHostAddress(), a.getPort()).toString();
    }

    private static String micros(long m) {
        return Durations.format(Duration.ofNanos(m * 1000));
    }

    private static void putPath(ObjectNode o, String key, Path p) {
        if (p != null) o.put(key, p.toString());
    }

    private static ArrayNode paths(List<Path> ps) {
        return strings(ps.stream().map(Path::toString).toList());
    }

    private static ArrayNode strings(Collection<String> xs) {
        ArrayNode a = F.arrayNode();
        xs.forEach(a::add);
        return a;
    }
}
