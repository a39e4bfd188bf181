package org.blackout.ingest.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.core.config.Durations;
import org.blackout.core.config.HostPort;
import org.blackout.wire.net.IpAddress;

/**
 * Reads the {@code blackout collect} YAML file. Binding is explicit (not reflective) so every error
 * names the field path and what was expected, and unknown keys are errors rather than silently ignored
 * (a typo in {@code neighbors} must not start a collector that refuses everyone).
 *
 * <pre>
 * collector:
 *   listen: 0.0.0.0:179          # host:port, [v6]:port or just a port
 *   local-as: 65000
 *   router-id: 192.0.2.1
 *   hold-time: 90
 *   neighbours:
 *     - {address: 192.0.2.2, as: 65001, description: r1, add-path: true}
 * bmp:
 *   listen: 0.0.0.0:1790         # routers connect here (RFC 7854); default 127.0.0.1:1790
 *   allow: [192.0.2.7, 10.0.0.0/8]  # router addresses or prefixes accepted; required off loopback
 *   allow-any: false             # or accept any router (explicitly) off loopback
 * ris-live:
 *   url: wss://ris-live.ripe.net/v1/ws/?client=blackout
 *   subscribe: {host: rrc00, type: UPDATE}
 *   stale-after: 60s
 *   reconnect-min: 1s
 *   reconnect-max: 60s
 * archive:
 *   directory: /var/lib/blackout/mrt
 *   updates-interval: 15m
 *   rib-interval: 2h
 * </pre>
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {}

    public static CollectConfig load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new ConfigException(file.toString(), "no such file");
        return parse(Files.readString(file), file.getParent() != null ? file.getParent() : Path.of("."));
    }

    /** Parses YAML text; relative archive directories are resolved against {@code base}. */
    public static CollectConfig parse(String yaml, Path base) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("(yaml)", e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
        }
        if (root == null || !root.isObject()) throw new ConfigException("(root)", "expected a mapping");
        keys(root, "", "collector", "ris-live", "bmp", "archive");
        CollectorConfig c = root.has("collector") ? collector(root.get("collector"), "collector") : null;
        RisLiveConfig r = root.has("ris-live") ? risLive(root.get("ris-live"), "ris-live") : null;
        BmpConfig b = root.has("bmp") ? bmp(root.get("bmp"), "bmp") : null;
        ArchiveConfig a = root.has("archive") ? archive(root.get("archive"), "archive", base) : null;
        if (c == null && r == null && b == null) {
            throw new ConfigException("(root)", "configure at least one source: collector, bmp or ris-live");
        }
        return new CollectConfig(c, r, b, a);
    }

    private static CollectorConfig collector(JsonNode n, String at) {
        object(n, at);
        keys(n, at, "listen", "local-as", "router-id", "hold-time", "neighbours");
        InetSocketAddress listen = n.has("listen") ? socketAddress(n.get("listen"), at + ".listen")
                : new InetSocketAddress(CollectorConfig.DEFAULT_PORT);
        long localAs = asn(required(n, "local-as", at), at + ".local-as");
        int routerId = ipv4(required(n, "router-id", at), at + ".router-id");
        int hold = n.has("hold-time") ? (int) integer(n.get("hold-time"), at + ".hold-time", 0, 65535)
                : CollectorConfig.DEFAULT_HOLD_TIME;
        if (hold == 1 || hold == 2) throw new ConfigException(at + ".hold-time", "must be 0 or at least 3 seconds (RFC 4271 4.2)");
        JsonNode ns = required(n, "neighbours", at);
        if (!ns.isArray() || ns.isEmpty()) throw new ConfigException(at + ".neighbours", "expected a non-empty list");
        List<NeighbourConfig> list = new ArrayList<>();
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < ns.size(); i++) {
            String f = at + ".neighbours[" + i + "]";
            JsonNode e = ns.get(i);
            object(e, f);
            keys(e, f, "address", "as", "description", "add-path");
            InetAddress addr = inet(required(e, "address", f), f + ".address");
            if (!seen.add(addr)) throw new ConfigException(f + ".address", "duplicate neighbour " + addr.getHostAddress());
            long as = asn(required(e, "as", f), f + ".as");
            String d = e.has("description") ? text(e.get("description"), f + ".description") : addr.getHostAddress();
            boolean ap = e.has("add-path") && bool(e.get("add-path"), f + ".add-path");
            list.add(new NeighbourConfig(addr, as, d, ap));
        }
        return new CollectorConfig(listen, localAs, routerId, hold, List.copyOf(list));
    }

    private static RisLiveConfig risLive(JsonNode n, String at) {
        object(n, at);
        keys(n, at, "url", "subscribe", "stale-after", "reconnect-min", "reconnect-max");
        URI url = RisLiveConfig.DEFAULT_URL;
        if (n.has("url")) {
            String s = text(n.get("url"), at + ".url");
            try {
                url = new URI(s);
            } catch (Exception e) {
                throw new ConfigException(at + ".url", "not a URI: " + s);
            }
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme()) || url.getHost() == null) {
                throw new ConfigException(at + ".url", "expected ws:// or wss:// with a host, got " + s);
            }
        }
        Map<String, Object> sub = new LinkedHashMap<>();
        if (n.has("subscribe")) {
            JsonNode s = n.get("subscribe");
            object(s, at + ".subscribe");
            sub = YAML.convertValue(s, Map.class);
        }
        Duration stale = n.has("stale-after") ? duration(n.get("stale-after"), at + ".stale-after") : Duration.ofSeconds(60);
        Duration min = n.has("reconnect-min") ? duration(n.get("reconnect-min"), at + ".reconnect-min") : Duration.ofSeconds(1);
        Duration max = n.has("reconnect-max") ? duration(n.get("reconnect-max"), at + ".reconnect-max") : Duration.ofSeconds(60);
        if (max.compareTo(min) < 0) throw new ConfigException(at + ".reconnect-max", "must be >= reconnect-min");
        return new RisLiveConfig(url, Map.copyOf(sub), stale, min, max);
    }

    private static BmpConfig bmp(JsonNode n, String at) {
        object(n, at);
        keys(n, at, "listen", "allow", "allow-any");
        InetSocketAddress listen = n.has("listen") ? socketAddress(n.get("listen"), at + ".listen")
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), BmpConfig.DEFAULT_PORT);
        List<org.blackout.ingest.bmp.BmpAllow.Entry> allow = new ArrayList<>();
        if (n.has("allow")) {
            JsonNode l = n.get("allow");
            if (!l.isArray()) throw new ConfigException(at + ".allow", "expected a list of addresses or prefixes, got " + kind(l));
            for (int i = 0; i < l.size(); i++) {
                String e = text(l.get(i), at + ".allow[" + i + "]");
                try {
                    allow.addAll(org.blackout.ingest.bmp.BmpAllow.parse(List.of(e), false).entries());
                } catch (IllegalArgumentException x) {
                    throw new ConfigException(at + ".allow[" + i + "]", x.getMessage());
                }
            }
        }
        boolean any = false;
        if (n.has("allow-any")) {
            JsonNode a = n.get("allow-any");
            if (!a.isBoolean()) throw new ConfigException(at + ".allow-any", "expected true or false, got " + kind(a));
            any = a.booleanValue();
        }
        org.blackout.ingest.bmp.BmpAllow access = new org.blackout.ingest.bmp.BmpAllow(allow, any);
        try {
            access.checkListen(listen, at + ".allow (like --allow)", at + ".allow-any: true");
        } catch (IllegalArgumentException x) {
            throw new ConfigException(at + ".allow", x.getMessage());
        }
        return new BmpConfig(listen, access);
    }

    private static ArchiveConfig archive(JsonNode n, String at, Path base) {
        object(n, at);
        keys(n, at, "directory", "updates-interval", "rib-interval");
        Path dir = base.resolve(text(required(n, "directory", at), at + ".directory"));
        Duration u = n.has("updates-interval") ? duration(n.get("updates-interval"), at + ".updates-interval")
                : ArchiveConfig.DEFAULT_UPDATES;
        Duration r = n.has("rib-interval") ? duration(n.get("rib-interval"), at + ".rib-interval")
                : ArchiveConfig.DEFAULT_RIB;
        if (u.toSeconds() < 1) throw new ConfigException(at + ".updates-interval", "must be at least 1s");
        if (r.toSeconds() < 1) throw new ConfigException(at + ".rib-interval", "must be at least 1s");
        return new ArchiveConfig(dir, u, r);
    }

    // ---- scalar helpers: each names the field on error ----

    private static void object(JsonNode n, String at) {
        if (!n.isObject()) throw new ConfigException(at, "expected a mapping, got " + kind(n));
    }

    private static void keys(JsonNode n, String at, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) {
                throw new ConfigException(at.isEmpty() ? k : at + "." + k, "unknown key; expected one of " + List.of(allowed));
            }
        }
    }

    private static JsonNode required(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw new ConfigException(at + "." + key, "required");
        return v;
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "a mapping" : n.isArray() ? "a list" : "'" + n.asText() + "'";
    }

    private static String text(JsonNode n, String at) {
        if (!n.isValueNode() || n.asText().isBlank()) throw new ConfigException(at, "expected a non-empty string, got " + kind(n));
        return n.asText();
    }

    private static boolean bool(JsonNode n, String at) {
        if (!n.isBoolean()) throw new ConfigException(at, "expected true or false, got " + kind(n));
        return n.booleanValue();
    }

    private static long integer(JsonNode n, String at, long min, long max) {
        if (!n.isIntegralNumber()) throw new ConfigException(at, "expected an integer, got " + kind(n));
        long v = n.longValue();
        if (v < min || v > max) throw new ConfigException(at, "must be in " + min + ".." + max + ", got " + v);
        return v;
    }

    private static long asn(JsonNode n, String at) {
        if (n.isTextual() && n.asText().matches("(?i)AS\\d+")) return integer(YAML.getNodeFactory().numberNode(
                Long.parseLong(n.asText().substring(2))), at, 1, 4294967295L);
        return integer(n, at, 1, 4294967295L);
    }

    private static InetAddress inet(JsonNode n, String at) {
        String s = text(n, at);
        try {
            IpAddress.parse(s); // literal addresses only: no DNS lookups at startup
            return InetAddress.getByName(s);
        } catch (RuntimeException | UnknownHostException e) {
            throw new ConfigException(at, "not an IP address: " + s);
        }
    }

    private static int ipv4(JsonNode n, String at) {
        String s = text(n, at);
        try {
            IpAddress a = IpAddress.parse(s);
            if (a.v6()) throw new IllegalArgumentException();
            return a.v4Address();
        } catch (RuntimeException e) {
            throw new ConfigException(at, "expected an IPv4 address (a BGP identifier), got " + s);
        }
    }

    private static InetSocketAddress socketAddress(JsonNode n, String at) {
        if (n.isIntegralNumber()) return new InetSocketAddress((int) integer(n, at, 1, 65535));
        String s = text(n, at);
        HostPort hp;
        try {
            hp = HostPort.parse(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "expected host:port, [v6]:port or a port (1..65535), got " + s);
        }
        String host = hp.host();
        int port = hp.port();
        if (port < 1 || port > 65535) throw new ConfigException(at, "port must be in 1..65535, got " + port);
        InetAddress a = inet(YAML.getNodeFactory().textNode(host), at);
        return new InetSocketAddress(a, port);
    }

    static Duration duration(JsonNode n, String at) {
        if (n.isIntegralNumber()) return Duration.ofSeconds(integer(n, at, 0, Long.MAX_VALUE / 1_000_000_000L));
        String s = text(n, at).trim();
        try {
            return Durations.parseNonNegative(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at, "expected a duration like 500ms, 30s, 15m, 2h or 9h30m, got " + s);
        }
    }
}
