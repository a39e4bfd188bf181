package org.blackout.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The collect config: a full file binds, and each mistake is reported with the path of its field. */
class ConfigLoaderTest {
    static final String FULL = """
            collector:
              listen: 127.0.0.1:1179
              local-as: 65000
              router-id: 192.0.2.1
              hold-time: 30
              neighbours:
                - {address: 192.0.2.2, as: 65001, description: r1, add-path: true}
                - {address: "2001:db8::2", as: AS4200000000}
            bmp:
              listen: 127.0.0.1:11790
              allow: [192.0.2.7, "2001:db8::7"]
            ris-live:
              url: ws://127.0.0.1:8080/v1/ws/
              subscribe: {host: rrc00, moreSpecific: true}
              stale-after: 90s
            archive:
              directory: mrt
              updates-interval: 15m
              rib-interval: 2h
            """;

    @Test
    void bindsAFullConfig() throws Exception {
        CollectConfig c = ConfigLoader.parse(FULL, Path.of("/etc/blackout"));
        assertThat(c.collector().listen().getPort()).isEqualTo(1179);
        assertThat(c.collector().holdTime()).isEqualTo(30);
        assertThat(c.collector().neighbours()).hasSize(2);
        assertThat(c.collector().neighbours().get(0).addPath()).isTrue();
        assertThat(c.collector().neighbours().get(1).as()).isEqualTo(4200000000L);
        assertThat(c.collector().neighbours().get(1).address()).isEqualTo(InetAddress.getByName("2001:db8::2"));
        assertThat(c.risLive().subscribe()).containsEntry("host", "rrc00").containsEntry("moreSpecific", true);
        assertThat(c.risLive().staleAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.archive().directory()).isEqualTo(Path.of("/etc/blackout/mrt"));
        assertThat(c.archive().ribInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(c.bmp().listen().getPort()).isEqualTo(11790);
        assertThat(c.bmp().allow().entries()).extracting(Object::toString).containsExactly("192.0.2.7/32", "2001:db8:0:0:0:0:0:7/128");
        assertThat(c.bmp().allow().test(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(c.bmp().allow().test(InetAddress.getByName("192.0.2.8"))).isFalse();
    }

    @Test
    void bmpAloneIsASourceAndListensOnItsPort() {
        CollectConfig c = ConfigLoader.parse("bmp: {}", Path.of("."));
        assertThat(c.collector()).isNull();
        assertThat(c.bmp().listen().getPort()).isEqualTo(BmpConfig.DEFAULT_PORT);
        assertThat(c.bmp().allow().entries()).isEmpty();
        assertThat(c.bmp().listen().getAddress().isLoopbackAddress()).as("default: loopback").isTrue();
    }

    static void fails(String yaml, String field, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void errorsNameTheField() {
        fails(FULL.replace("as: 65001", "as: 0"), "collector.neighbours[0].as", "must be in 1..4294967295");
        fails(FULL.replace("address: 192.0.2.2", "address: router.example"), "collector.neighbours[0].address",
                "not an IP address");
        fails(FULL.replace("neighbours:", "neighbors:"), "collector.neighbors", "unknown key");
        fails(FULL.replace("hold-time: 30", "hold-time: 2"), "collector.hold-time", "0 or at least 3");
        fails(FULL.replace("router-id: 192.0.2.1", "router-id: 2001:db8::1"), "collector.router-id", "IPv4");
        fails(FULL.replace("ws://127.0.0.1:8080/v1/ws/", "http://example.net/"), "ris-live.url", "ws:// or wss://");
        fails(FULL.replace("updates-interval: 15m", "updates-interval: soon"), "archive.updates-interval", "duration");
        fails(FULL.replace("listen: 127.0.0.1:1179", "listen: 127.0.0.1:99999"), "collector.listen", "1..65535");
        fails(FULL.replace("    - {address: \"2001:db8::2\", as: AS4200000000}", "    - {address: 192.0.2.2, as: 65009}"),
                "collector.neighbours[1].address", "duplicate");
        fails("archive: {directory: x}", "(root)", "at least one source");
        fails("collector: [1, 2]", "collector", "expected a mapping");
        fails(FULL.replace("allow: [192.0.2.7, ", "allow: [router.example, "), "bmp.allow[0]", "not an IP address");
        fails(FULL.replace("allow: [192.0.2.7, \"2001:db8::7\"]", "allow: 192.0.2.7"), "bmp.allow", "expected a list");
        fails(FULL.replace("listen: 127.0.0.1:11790", "port: 11790"), "bmp.port", "unknown key");
        fails("collector: {local-as: 1", "(yaml)", "");
    }

    @Test
    void aBmpStationOffLoopbackNeedsAllowOrAllowAny() throws Exception {
        fails("bmp: {listen: 0.0.0.0:1790}", "bmp.allow", "bmp.allow (like --allow)");
        fails("bmp: {listen: 1790}", "bmp.allow", "bmp.allow-any: true");
        fails("bmp: {listen: \"[::]:1790\", allow-any: false}", "bmp.allow", "not a loopback address");
        fails("bmp: {listen: 0.0.0.0:1790, allow: [router1]}", "bmp.allow[0]", "not an IP address or prefix: 'router1'");
        fails("bmp: {listen: 0.0.0.0:1790, allow-any: yes please}", "bmp.allow-any", "expected true or false");
        CollectConfig any = ConfigLoader.parse("bmp: {listen: 0.0.0.0:1790, allow-any: true}", Path.of("."));
        assertThat(any.bmp().allow().any()).isTrue();
        CollectConfig prefixes = ConfigLoader.parse("bmp: {listen: 0.0.0.0:1790, allow: [192.0.2.0/24, \"2001:db8::/32\"]}",
                Path.of("."));
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("192.0.2.200"))).isTrue();
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("198.51.100.1"))).isFalse();
        assertThat(prefixes.bmp().allow().test(InetAddress.getByName("2001:db8::99"))).isTrue();
    }
}
