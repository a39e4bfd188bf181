package org.blackout.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.blackout.core.config.ConfigException;
import org.blackout.core.config.HostPort;
import org.blackout.ingest.config.BmpConfig;
import org.blackout.ingest.config.CollectConfig;
import org.junit.jupiter.api.Test;

/** The configuration file: every section binds, defaults fill the rest, and each mistake names its file, line and key. */
class ConfigLoaderTest {
    static final String FULL = """
            sources:
              replay: [mrt]
              collector:
                listen: 127.0.0.1:1179
                local_as: 65000
                router_id: 192.0.2.1
                hold_time: 30s
                neighbours:
                  - {address: 192.0.2.2, as: 65001, description: r1, add_path: true}
                  - {address: "2001:db8::2", as: AS4200000000}
              bmp:
                listen: 127.0.0.1:11790
                allow: [192.0.2.7, "2001:db8::7"]
              ris_live:
                url: ws://127.0.0.1:8080/v1/ws/
                subscribe: {host: rrc00, moreSpecific: true}
                stale_after: 90s
              archive:
                directory: archive
                updates_interval: 15m
                rib_interval: 2h
            entities: {rir: [delegated.txt.gz], as_names: asnames.json, as_rel: rel.txt, as_rel_format: caida}
            watch: [country:KP, as:131279]
            engine: {bin: 1m, hold: 9h30m, full_feed_min: [400001, 10001], loss_floor: 2}
            detectors: {warmup: 30m, min_agreeing_peers: 10, hijack_min_peers: 1, instability_window: PT1H}
            store: {duckdb: data/b.duckdb, retention: 30d}
            http: {listen: "[::1]:9090", token_env: BLACKOUT_TEST_UNSET_TOKEN}
            alerts:
              update_interval: 15m
              destinations:
                - {type: file, path: alerts.jsonl}
                - {name: hook, type: webhook, url: "http://127.0.0.1:9/x", entities: [KP], types: [outage]}
                - {type: email, smtp: mail.example.org, from: b@example.org, to: noc@example.org}
            """;

    static BlackoutConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yml", Path.of("/etc/blackout"));
    }

    @Test
    void bindsEverySection() throws Exception {
        BlackoutConfig c = parse(FULL);
        assertThat(c.sources().replay()).containsExactly(Path.of("/etc/blackout/mrt"));
        CollectConfig live = c.sources().live();
        assertThat(live.collector().listen().getPort()).isEqualTo(1179);
        assertThat(live.collector().holdTime()).isEqualTo(30);
        assertThat(live.collector().neighbours()).hasSize(2);
        assertThat(live.collector().neighbours().get(0).addPath()).isTrue();
        assertThat(live.collector().neighbours().get(1).as()).isEqualTo(4200000000L);
        assertThat(live.collector().neighbours().get(1).address()).isEqualTo(InetAddress.getByName("2001:db8::2"));
        assertThat(live.risLive().subscribe()).containsEntry("host", "rrc00").containsEntry("moreSpecific", true);
        assertThat(live.risLive().staleAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(live.archive().directory()).isEqualTo(Path.of("/etc/blackout/archive"));
        assertThat(live.archive().ribInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(live.bmp().listen().getPort()).isEqualTo(11790);
        assertThat(live.bmp().allow().entries()).extracting(Object::toString).containsExactly("192.0.2.7/32", "2001:db8:0:0:0:0:0:7/128");
        assertThat(live.bmp().allow().test(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(live.bmp().allow().test(InetAddress.getByName("192.0.2.8"))).isFalse();

        var p = c.pipeline();
        assertThat(p.entities().rir()).containsExactly(Path.of("/etc/blackout/delegated.txt.gz"));
        assertThat(p.entities().asNames()).isEqualTo(Path.of("/etc/blackout/asnames.json"));
        assertThat(p.policies().asRel()).isEqualTo(Path.of("/etc/blackout/rel.txt"));
        assertThat(p.policies().asRelFormat()).isEqualTo(org.blackout.pipeline.PolicyFiles.RelFormat.CAIDA);
        assertThat(p.watch()).containsExactly("country:KP", "as:131279");
        assertThat(p.engine().binMicros()).isEqualTo(60_000_000L);
        assertThat(p.engine().holdMicros()).isEqualTo(Duration.ofMinutes(570).toNanos() / 1000);
        assertThat(p.engine().fullFeed().minV4()).isEqualTo(400001);
        assertThat(p.engine().lossFloor()).isEqualTo(2);
        assertThat(p.detectors().warmup()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.detectors().minAgreeingPeers()).isEqualTo(10);
        assertThat(p.detectors().instabilityWindow()).isEqualTo(Duration.ofHours(1));

        assertThat(c.store().duckdb()).isEqualTo(Path.of("/etc/blackout/data/b.duckdb"));
        assertThat(c.store().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.http().listen()).isEqualTo(new HostPort("::1", 9090));
        assertThat(c.http().token()).as("an unset variable: read-only").isNull();
        assertThat(c.alerts().updateInterval()).isEqualTo(Duration.ofMinutes(15));
        AlertConfig.Destination hook = c.alerts().destinations().get(1);
        assertThat(hook.entities()).containsExactly("country:KP");
        assertThat(hook.wants("outage", "country:KP")).isTrue();
        assertThat(hook.wants("outage", "as:4837")).isFalse();
        assertThat(hook.wants("instability", "country:KP")).isFalse();
        assertThat(c.alerts().destinations().get(0).wants("feed", "peer:x")).as("feed events only when asked for").isFalse();
        assertThat(c.alerts().destinations().get(0).path()).isEqualTo(Path.of("/etc/blackout/alerts.jsonl"));
        assertThat(c.alerts().destinations().get(2).smtpPort()).as("default SMTP port").isEqualTo(25);
        assertThat(c.alerts().destinations().get(2).to()).containsExactly("noc@example.org");
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        BlackoutConfig c = parse("");
        assertThat(c.sources().replay()).isEmpty();
        assertThat(c.sources().live()).isNull();
        assertThat(c.pipeline().engine()).isEqualTo(BlackoutConfig.defaults().pipeline().engine());
        assertThat(c.pipeline().detectors()).isEqualTo(BlackoutConfig.defaults().pipeline().detectors());
        assertThat(c.http().listen()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(c.store().duckdb()).isEqualTo(Path.of("/etc/blackout/blackout.duckdb"));
        assertThat(c.alerts().destinations()).isEmpty();
    }

    @Test
    void bmpAloneIsASourceAndListensOnLoopback() {
        CollectConfig c = parse("sources: {bmp: {}}").sources().live();
        assertThat(c.collector()).isNull();
        assertThat(c.bmp().listen().getPort()).isEqualTo(BmpConfig.DEFAULT_PORT);
        assertThat(c.bmp().allow().entries()).isEmpty();
        assertThat(c.bmp().listen().getAddress().isLoopbackAddress()).as("default: loopback").isTrue();
    }

    static void fails(String yaml, String path, int line, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    if (line > 0) assertThat(e.line()).as("line of %s", path).isEqualTo(line);
                })
                .hasMessageContaining(message);
    }

    @Test
    void errorsNameTheKeyAndLine() {
        fails(FULL.replace("as: 65001", "as: 0"), "sources.collector.neighbours[0].as", 9, "must be in 1..4294967295");
        fails(FULL.replace("address: 192.0.2.2", "address: router.example"), "sources.collector.neighbours[0].address", 9, "not an IP address");
        fails(FULL.replace("neighbours:", "neighbors:"), "sources.collector.neighbors", 8, "unknown key");
        fails(FULL.replace("hold_time: 30s", "hold_time: 2"), "sources.collector.hold_time", 7, "0 or 3s");
        fails(FULL.replace("router_id: 192.0.2.1", "router_id: 2001:db8::1"), "sources.collector.router_id", 6, "IPv4");
        fails(FULL.replace("ws://127.0.0.1:8080/v1/ws/", "http://example.net/"), "sources.ris_live.url", 15, "ws:// or wss://");
        fails(FULL.replace("updates_interval: 15m", "updates_interval: soon"), "sources.archive.updates_interval", 20, "not a duration");
        fails(FULL.replace("listen: 127.0.0.1:1179", "listen: 127.0.0.1:99999"), "sources.collector.listen", 4, "not a port");
        fails(FULL.replace("  - {address: \"2001:db8::2\", as: AS4200000000}", "  - {address: 192.0.2.2, as: 65009}"),
                "sources.collector.neighbours[1].address", 10, "duplicate");
        fails("sources: {archive: {directory: x}}", "sources.archive", 1, "configure collector, bmp or ris_live");
        fails("sources: {collector: [1, 2]}", "sources.collector", 1, "expected a mapping");
        fails(FULL.replace("allow: [192.0.2.7, ", "allow: [router.example, "), "sources.bmp.allow[0]", 13, "not an IP address");
        fails(FULL.replace("listen: 127.0.0.1:11790", "port: 11790"), "sources.bmp.port", 12, "unknown key");
        fails("sources: {collector: {local_as: 1", "(yaml)", 0, "");
        fails("stroe: {}", "stroe", 1, "unknown key; expected one of sources, entities, watch, engine, detectors, store, http, alerts");
        fails("store: {retention: forever}", "store.retention", 1, "not a duration");
        fails("http: {listen: localhost}", "http.listen", 1, "want HOST:PORT");
        fails("store: {jdbc: 'jdbc:mysql://x'}", "store.jdbc", 1, "jdbc:postgresql");
        fails("alerts: {destinations: [{type: webhook}]}", "alerts.destinations[0].url", 1, "http(s) URL");
        fails("alerts: {destinations: [{type: pager}]}", "alerts.destinations[0].type", 1, "want one of webhook, slack, email, syslog, file");
        fails("alerts: {destinations: [{type: email, smtp: x}]}", "alerts.destinations[0]", 1, "'from' and 'to'");
        fails("alerts: {destinations: [{type: file, path: a, entities: [country:KPX]}]}", "alerts.destinations[0].entities[0]", 1, "country code");
        fails("watch: [country:KP, planet:mars]", "watch[1]", 1, "");
        fails("detectors:\n  warmpu: 1h\n", "detectors.warmpu", 2, "unknown key");
        fails("detectors:\n  warmup: 1h\n  history: soon\n", "detectors.history", 3, "not a duration");
        fails("detectors: {outage_lower: 0.1}", "detectors", 1, "lower share");
        fails("engine: {threshold: 1.5}", "engine.threshold", 1, "must be in");
        fails("engine:\n  full_feed_min: [1, 2, 3]\n", "engine.full_feed_min", 2, "[V4, V6]");
        fails("entities: {as_rel_format: csv}", "entities.as_rel_format", 1, "auto, caida, customer_positive");
        fails("store: {duckdb: x.duckdb, user: u}", "store.user", 1, "only with jdbc");
    }

    @Test
    void aBmpStationOffLoopbackNeedsAllowOrAllowAny() throws Exception {
        fails("sources: {bmp: {listen: 0.0.0.0:1790}}", "sources.bmp.allow", 1, "sources.bmp.allow (like --allow)");
        fails("sources: {bmp: {listen: 1790}}", "sources.bmp.allow", 1, "sources.bmp.allow_any: true");
        fails("sources: {bmp: {listen: \"[::]:1790\", allow_any: false}}", "sources.bmp.allow", 1, "not a loopback address");
        fails("sources: {bmp: {listen: 0.0.0.0:1790, allow: [router1]}}", "sources.bmp.allow[0]", 1, "not an IP address or prefix: 'router1'");
        fails("sources: {bmp: {listen: 0.0.0.0:1790, allow_any: yes please}}", "sources.bmp.allow_any", 1, "expected true or false");
        CollectConfig any = parse("sources: {bmp: {listen: 0.0.0.0:1790, allow_any: true}}").sources().live();
        assertThat(any.bmp().allow().any()).isTrue();
        CollectConfig prefixes = parse("sources: {bmp: {listen: 0.0.0.0:1790, allow: [192.0.2.0/24, \"2001:db8::/32\"]}}").sources().live();
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("192.0.2.200"))).isTrue();
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("198.51.100.1"))).isFalse();
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("2001:db8::99"))).isTrue();
    }
}
