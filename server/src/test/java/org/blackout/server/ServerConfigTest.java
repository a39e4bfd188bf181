package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.blackout.server.alert.AlertConfig;
import org.junit.jupiter.api.Test;

/** serve's YAML: defaults, paths relative to the file, and errors that name the key. */
class ServerConfigTest {
    static ServerConfig parse(String yaml) throws Exception {
        return ServerConfig.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), Path.of("/etc/blackout"));
    }

    @Test
    void defaultsAndRelativePaths() throws Exception {
        ServerConfig c = parse("""
                store: {duckdb: data/b.duckdb, retention: 30d}
                replay: {inputs: [mrt], rir: [delegated.txt.gz], watch: [country:KP]}
                alerts:
                  update_interval: 15m
                  destinations:
                    - {type: file, path: alerts.jsonl}
                    - {name: hook, type: webhook, url: "http://127.0.0.1:9/x", entities: [KP], types: [outage]}
                """);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.token()).isNull();
        assertThat(c.store().duckdb()).isEqualTo(Path.of("/etc/blackout/data/b.duckdb"));
        assertThat(c.store().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.replay().inputs()).containsExactly(Path.of("/etc/blackout/mrt"));
        assertThat(c.replay().binMicros()).isEqualTo(300_000_000L);
        assertThat(c.alerts().updateInterval()).isEqualTo(Duration.ofMinutes(15));
        AlertConfig.Destination hook = c.alerts().destinations().get(1);
        assertThat(hook.entities()).containsExactly("country:KP");
        assertThat(hook.wants("outage", "country:KP")).isTrue();
        assertThat(hook.wants("outage", "as:4837")).isFalse();
        assertThat(hook.wants("instability", "country:KP")).isFalse();
        assertThat(c.alerts().destinations().get(0).wants("feed", "peer:x")).as("feed events only when asked for").isFalse();
        assertThat(c.alerts().destinations().get(0).path()).isEqualTo(Path.of("/etc/blackout/alerts.jsonl"));
    }

    @Test
    void postgres() throws Exception {
        ServerConfig c = parse("store: {jdbc: 'jdbc:postgresql://127.0.0.1:5432/blackout', user: b}\nhttp: {listen: '[::1]:9090'}");
        assertThat(c.store().postgres()).isTrue();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9090);
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> parse("stroe: {}")).hasMessageContaining("unknown key 'stroe'");
        assertThatThrownBy(() -> parse("store: {retention: forever}")).hasMessageContaining("store.retention");
        assertThatThrownBy(() -> parse("http: {listen: localhost}")).hasMessageContaining("http.listen");
        assertThatThrownBy(() -> parse("store: {jdbc: 'jdbc:mysql://x'}")).hasMessageContaining("jdbc:postgresql");
        assertThatThrownBy(() -> parse("replay: {rir: [x]}")).hasMessageContaining("replay.inputs");
        assertThatThrownBy(() -> parse("alerts: {destinations: [{type: webhook}]}")).hasMessageContaining("destinations[0].url");
        assertThatThrownBy(() -> parse("alerts: {destinations: [{type: email, smtp: x}]}")).hasMessageContaining("'from' and 'to'");
        assertThatThrownBy(() -> parse("alerts: {destinations: [{type: file, path: a, entities: [country:KPX]}]}")).hasMessageContaining("country code");
        assertThatThrownBy(() -> parse("live: {rir: [x]}")).hasMessageContaining("live.config");
    }

    @Test
    void detectorSettingsFromTheDetectorsSection() throws Exception {
        ServerConfig c = parse("""
                replay: {inputs: [mrt], min_agreeing_peers: 6, hold: 9h30m}
                live: {config: collect.yaml}
                detectors: {warmup: 30m, min_agreeing_peers: 10, hijack_min_peers: 1, instability_window: PT1H}
                """);
        assertThat(c.replay().settings().detectors().minAgreeingPeers()).as("the section's gate wins").isEqualTo(6);
        assertThat(c.live().settings().detectors().minAgreeingPeers()).isEqualTo(10);
        for (ServerConfig.Replay r : new ServerConfig.Replay[] {c.replay(), c.live()}) {
            assertThat(r.settings().detectors().warmup()).isEqualTo(Duration.ofMinutes(30));
            assertThat(r.settings().detectors().hijackMinPeers()).isEqualTo(1);
            assertThat(r.settings().detectors().instabilityWindow()).isEqualTo(Duration.ofHours(1));
        }
        assertThat(c.replay().settings().engine().holdMicros()).isEqualTo(Duration.ofMinutes(570).toNanos() / 1000);
        assertThatThrownBy(() -> parse("detectors: {warmpu: 1h}")).hasMessageContaining("unknown key 'detectors.warmpu'");
        assertThatThrownBy(() -> parse("replay: {inputs: [m]}\ndetectors: {warmup: soon}")).hasMessageContaining("detectors.warmup");
        assertThatThrownBy(() -> parse("replay: {inputs: [m]}\ndetectors: {outage_lower: 0.1}")).hasMessageContaining("lower share");
    }
}
