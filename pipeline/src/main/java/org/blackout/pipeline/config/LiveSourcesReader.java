package org.blackout.pipeline.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.blackout.core.config.ConfigReader;
import org.blackout.core.config.HostPort;
import org.blackout.ingest.bmp.BmpAllow;
import org.blackout.ingest.config.ArchiveConfig;
import org.blackout.ingest.config.BmpConfig;
import org.blackout.ingest.config.CollectConfig;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.ingest.config.RisLiveConfig;
import org.blackout.wire.net.IpAddress;

/**
 * The live sources of {@code sources:} ({@code collector}, {@code bmp}, {@code ris_live},
 * {@code archive}) into ingest's records:
 *
 * <pre>
 * sources:
 *   collector:
 *     listen: 0.0.0.0:179          # host:port, [v6]:port or just a port
 *     local_as: 65000
 *     router_id: 192.0.2.1
 *     hold_time: 90s               # 0 or at least 3s (RFC 4271)
 *     neighbours:
 *       - {address: 192.0.2.2, as: 65001, description: r1, add_path: true}
 *   bmp:
 *     listen: 0.0.0.0:1790         # routers connect here (RFC 7854); default 127.0.0.1:1790
 *     allow: [192.0.2.7, 10.0.0.0/8]  # router addresses or prefixes accepted; required off loopback
 *     allow_any: false             # or accept any router (explicitly) off loopback
 *   ris_live:
 *     url: wss://ris-live.ripe.net/v1/ws/?client=blackout
 *     subscribe: {host: rrc00, type: UPDATE}
 *     stale_after: 60s
 *     reconnect_min: 1s
 *     reconnect_max: 60s
 *     bootstrap: [rrc00]           # latest bview + archived updates first (read by ConfigLoader)
 *   archive:
 *     directory: /var/lib/blackout/mrt
 *     updates_interval: 15m
 *     rib_interval: 2h
 * </pre>
 */
final class LiveSourcesReader {
    static final Duration STALE = Duration.ofSeconds(60), RECONNECT_MIN = Duration.ofSeconds(1), RECONNECT_MAX = Duration.ofSeconds(60);

    private LiveSourcesReader() {}

    /** The live sources, or null when none is configured (an archive alone is an error: it archives what they receive). */
    static CollectConfig live(ConfigReader s) {
        CollectorConfig c = s.has("collector") ? collector(s.section("collector")) : null;
        RisLiveConfig r = s.has("ris_live") ? risLive(s.section("ris_live")) : null;
        BmpConfig b = s.has("bmp") || s.keySet().contains("bmp") ? bmp(s.section("bmp")) : null;
        ArchiveConfig a = s.has("archive") ? archive(s.section("archive")) : null;
        if (c == null && r == null && b == null) {
            if (a != null) throw s.error("archive", "archives what live sources receive: configure collector, bmp or ris_live");
            return null;
        }
        return new CollectConfig(c, r, b, a);
    }

    private static CollectorConfig collector(ConfigReader n) {
        n.keys("listen", "local_as", "router_id", "hold_time", "neighbours");
        InetSocketAddress listen = n.has("listen") ? socketAddress(n, "listen") : new InetSocketAddress(CollectorConfig.DEFAULT_PORT);
        long localAs = asn(n, "local_as");
        int routerId = ipv4(n, "router_id");
        Duration hold = n.durationOrZero("hold_time", Duration.ofSeconds(CollectorConfig.DEFAULT_HOLD_TIME));
        long holdSeconds = hold.toSeconds();
        if (holdSeconds == 1 || holdSeconds == 2 || hold.toNanos() % 1_000_000_000L != 0 || holdSeconds > 65535) {
            throw n.error("hold_time", "must be 0 or 3s..65535s in whole seconds (RFC 4271 4.2)");
        }
        List<ConfigReader> ns = n.sections("neighbours");
        if (ns.isEmpty()) throw n.error("neighbours", n.has("neighbours") ? "expected a non-empty list" : "required");
        List<NeighbourConfig> list = new ArrayList<>();
        Set<InetAddress> seen = new HashSet<>();
        for (ConfigReader e : ns) {
            e.keys("address", "as", "description", "add_path");
            InetAddress addr = inet(e, "address", e.string("address"));
            if (!seen.add(addr)) throw e.error("address", "duplicate neighbour " + addr.getHostAddress());
            long as = asn(e, "as");
            list.add(new NeighbourConfig(addr, as, e.string("description", addr.getHostAddress()), e.bool("add_path", false)));
        }
        return new CollectorConfig(listen, localAs, routerId, (int) holdSeconds, List.copyOf(list));
    }

    private static RisLiveConfig risLive(ConfigReader n) {
        n.keys("url", "subscribe", "stale_after", "reconnect_min", "reconnect_max", "bootstrap"); // bootstrap: ConfigLoader
        URI url = RisLiveConfig.DEFAULT_URL;
        if (n.has("url")) {
            String s = n.string("url");
            try {
                url = new URI(s);
            } catch (Exception e) {
                throw n.error("url", "not a URI: " + s);
            }
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme()) || url.getHost() == null) {
                throw n.error("url", "expected ws:// or wss:// with a host, got " + s);
            }
        }
        Duration min = n.duration("reconnect_min", RECONNECT_MIN), max = n.duration("reconnect_max", RECONNECT_MAX);
        if (max.compareTo(min) < 0) throw n.error("reconnect_max", "must be >= reconnect_min");
        return new RisLiveConfig(url, n.plain("subscribe"), n.duration("stale_after", STALE), min, max);
    }

    private static BmpConfig bmp(ConfigReader n) {
        n.keys("listen", "allow", "allow_any");
        InetSocketAddress listen = n.has("listen") ? socketAddress(n, "listen")
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), BmpConfig.DEFAULT_PORT);
        List<BmpAllow.Entry> allow = new ArrayList<>();
        for (List<BmpAllow.Entry> e : n.list("allow", t -> BmpAllow.parse(List.of(t), false).entries())) allow.addAll(e);
        BmpAllow access = new BmpAllow(allow, n.bool("allow_any", false));
        try {
            access.checkListen(listen, n.path() + ".allow (like --allow)", n.path() + ".allow_any: true");
        } catch (IllegalArgumentException x) {
            throw n.error("allow", x.getMessage());
        }
        return new BmpConfig(listen, access);
    }

    private static ArchiveConfig archive(ConfigReader n) {
        n.keys("directory", "updates_interval", "rib_interval");
        Duration u = n.duration("updates_interval", ArchiveConfig.DEFAULT_UPDATES), r = n.duration("rib_interval", ArchiveConfig.DEFAULT_RIB);
        if (u.toSeconds() < 1) throw n.error("updates_interval", "must be at least 1s");
        if (r.toSeconds() < 1) throw n.error("rib_interval", "must be at least 1s");
        return new ArchiveConfig(n.path("directory"), u, r);
    }

    /** An AS number, {@code 65001} or {@code AS65001}. */
    private static long asn(ConfigReader n, String key) {
        String t = n.string(key);
        if (t.matches("(?i)AS\\d+")) t = t.substring(2);
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw n.error(key, "expected an AS number, got '" + n.string(key) + "'");
        }
        if (v < 1 || v > 4294967295L) throw n.error(key, "must be in 1..4294967295, got " + v);
        return v;
    }

    private static InetAddress inet(ConfigReader n, String key, String s) {
        try {
            IpAddress.parse(s); // literal addresses only: no DNS lookups at startup
            return InetAddress.getByName(s);
        } catch (RuntimeException | UnknownHostException e) {
            throw n.error(key, "not an IP address: " + s);
        }
    }

    private static int ipv4(ConfigReader n, String key) {
        String s = n.string(key);
        try {
            IpAddress a = IpAddress.parse(s);
            if (a.v6()) throw new IllegalArgumentException();
            return a.v4Address();
        } catch (RuntimeException e) {
            throw n.error(key, "expected an IPv4 address (a BGP identifier), got " + s);
        }
    }

    /** {@code host:port}, {@code [v6]:port} or a port alone (every address). */
    private static InetSocketAddress socketAddress(ConfigReader n, String key) {
        String s = n.string(key);
        if (s.chars().allMatch(Character::isDigit)) {
            int port = (int) n.integer(key, 1, 65535);
            return new InetSocketAddress(port);
        }
        HostPort hp = n.hostPort(key, -1);
        if (hp.port() < 1) throw n.error(key, "port must be in 1..65535, got " + hp.port());
        return new InetSocketAddress(inet(n, key, hp.host()), hp.port());
    }
}
