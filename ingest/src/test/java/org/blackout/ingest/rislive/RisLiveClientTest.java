package org.blackout.ingest.rislive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.blackout.ingest.bgp.FeedEvent;
import org.blackout.ingest.config.RisLiveConfig;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.blackout.testkit.RisLiveServer;
import org.junit.jupiter.api.Test;

/**
 * The RIS Live client against a local websocket server replaying the real RIS Live messages of the
 * shared data (one of them truncated) and generated ones: it subscribes with the filters on every
 * connection, decodes raw UPDATEs and JSON-only ones to the same elements, turns RIS_PEER_STATE into
 * STATE elements, survives the server dropping it and a stream going silent (stale), reconnecting each time.
 */
class RisLiveClientTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> sharedStream() throws Exception {
        String s = System.getProperty("blackout.shared");
        Prerequisites.require(s != null, "no shared data (blackout.shared)");
        Path p = Path.of(s, "rislive/ris-live-stream.json");
        Prerequisites.require(Files.isRegularFile(p), p + " is absent");
        return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
    }

    static String generated(double ts, String peer, String asn, String extra) {
        return "{\"type\":\"ris_message\",\"data\":{\"timestamp\":" + ts + ",\"peer\":\"" + peer + "\",\"peer_asn\":\""
                + asn + "\",\"host\":\"rrc00\",\"type\":\"UPDATE\"," + extra + "}}";
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(50);
    }

    @Test
    void replaysDecodesReconnectsAndDetectsStaleStreams() throws Exception {
        List<String> real = sharedStream();
        // the real UPDATE again without its raw hex: must decode from the JSON fields to the same routes
        ObjectNode noRaw = (ObjectNode) JSON.readTree(real.getFirst());
        ((ObjectNode) noRaw.get("data")).remove("raw");
        ((ObjectNode) noRaw.get("data")).put("peer", "72.22.223.10");
        String jsonOnly = JSON.writeValueAsString(noRaw);
        String mixed = generated(1553628000.5, "2001:db8::7", "64500",
                "\"path\":[64500,64501,[64502,64503]],\"origin\":\"incomplete\",\"community\":[[64500,1]],\"med\":10,"
                        + "\"announcements\":[{\"next_hop\":\"2001:db8::7\",\"prefixes\":[\"2001:db8:100::/48\",\"2001:db8:200::/48\"]},"
                        + "{\"next_hop\":\"192.0.2.7\",\"prefixes\":[\"198.51.100.0/24\"]}],"
                        + "\"withdrawals\":[\"203.0.113.0/24\",\"2001:db8:300::/48\"]");
        String afterStale = generated(1553628100.25, "192.0.2.8", "64508",
                "\"path\":[64508],\"origin\":\"igp\",\"announcements\":[{\"next_hop\":\"192.0.2.8\",\"prefixes\":[\"192.0.2.0/24\"]}]");
        List<RisLiveServer.Script> scripts = List.of(
                new RisLiveServer.Script(concat(real, List.of(jsonOnly)), true), // then dropped
                new RisLiveServer.Script(List.of(mixed), false), // then silent: stale
                new RisLiveServer.Script(List.of(afterStale), false));
        List<RouteElement> elements = new CopyOnWriteArrayList<>();
        List<FeedEvent> events = new CopyOnWriteArrayList<>();
        try (RisLiveServer server = RisLiveServer.scripted(scripts)) {
            int port = server.port();
            RisLiveConfig cfg = new RisLiveConfig(URI.create("ws://127.0.0.1:" + port + "/v1/ws/?client=blackout-test"),
                    Map.of("host", "rrc00", "type", "UPDATE"), Duration.ofMillis(1500), Duration.ofMillis(100),
                    Duration.ofMillis(400));
            try (RisLiveClient client = new RisLiveClient(cfg, e -> {
                events.add(e);
                elements.addAll(e.elements());
            })) {
                client.start();
                await(() -> elements.stream().anyMatch(e -> Prefix.parse("192.0.2.0/24").equals(e.prefix())));
                assertThat(client.connects()).isGreaterThanOrEqualTo(3);
                assertThat(client.staleStreams()).isGreaterThanOrEqualTo(1);
                assertThat(client.malformed()).as("the truncated last line of the capture").isEqualTo(1);
                assertThat(client.decoder().decodedFromRaw()).isEqualTo(1);
                assertThat(client.decoder().decodedFromJson()).isEqualTo(3);
            }
            assertThat(server.subscriptions).hasSizeGreaterThanOrEqualTo(3).allSatisfy(s -> {
                var n = JSON.readTree(s);
                assertThat(n.path("type").asText()).isEqualTo("ris_subscribe");
                assertThat(n.path("data").path("host").asText()).isEqualTo("rrc00");
                assertThat(n.path("data").path("socketOptions").path("includeRaw").asBoolean()).isTrue();
            });
        }
        // the real UPDATE, decoded from raw
        RouteElement a = only(elements, "72.22.223.9", ElementType.ANNOUNCE);
        assertThat(a.prefix()).isEqualTo(Prefix.parse("45.161.192.0/23"));
        assertThat(a.peerAs()).isEqualTo(11708);
        assertThat(a.timeMicros()).isEqualTo(1553627987_890000L);
        assertThat(a.attributes().asPath().toString())
                .isEqualTo("11708 32097 1299 52320 263009 263009 263009 263009 263009 52993 268481 268481");
        assertThat(a.attributes().nextHopFor(a.prefix())).isEqualTo(IpAddress.parse("72.22.223.9"));
        // and from its JSON fields: the same route
        RouteElement j = only(elements, "72.22.223.10", ElementType.ANNOUNCE);
        assertThat(j.prefix()).isEqualTo(a.prefix());
        assertThat(j.attributes().asPath()).isEqualTo(a.attributes().asPath());
        assertThat(j.attributes().origin().value()).isEqualTo(a.attributes().origin().value());
        assertThat(j.attributes().nextHopFor(j.prefix())).isEqualTo(a.attributes().nextHopFor(a.prefix()));
        // the peer going down
        RouteElement down = only(elements, "195.66.224.59", ElementType.STATE);
        assertThat(down.oldState() + ">" + down.newState()).isEqualTo("6>1");
        // the generated mixed message: two families, an AS_SET, withdrawals
        List<RouteElement> m = elements.stream().filter(e -> e.peerAddress().equals(IpAddress.parse("2001:db8::7"))).toList();
        assertThat(m).extracting(e -> e.type() + " " + e.prefix()).containsExactlyInAnyOrder(
                "WITHDRAW 203.0.113.0/24", "WITHDRAW 2001:db8:300::/48", "ANNOUNCE 2001:db8:100::/48",
                "ANNOUNCE 2001:db8:200::/48", "ANNOUNCE 198.51.100.0/24");
        RouteElement v6 = m.stream().filter(e -> "2001:db8:100::/48".equals(String.valueOf(e.prefix()))).findFirst().orElseThrow();
        assertThat(v6.attributes().asPath().toString()).isEqualTo("64500 64501 {64502,64503}");
        assertThat(v6.attributes().nextHopFor(v6.prefix())).isEqualTo(IpAddress.parse("2001:db8::7"));
        assertThat(v6.attributes().med().value()).isEqualTo(10);
        // every UPDATE event carries BGP message bytes for the archive
        assertThat(events).filteredOn(e -> e instanceof FeedEvent.Message)
                .allSatisfy(e -> assertThat(((FeedEvent.Message) e).raw()[18]).isEqualTo((byte) 2));
    }

    @Test
    void aStuckEngineStopsReadingInsteadOfQueueing() throws Exception {
        int n = 20_000;
        List<String> flood = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            flood.add(generated(1553628000 + i, "192.0.2.9", "64509", "\"path\":[64509],\"origin\":\"igp\","
                    + "\"announcements\":[{\"next_hop\":\"192.0.2.9\",\"prefixes\":[\"10." + (i >> 8) + "."
                    + (i & 0xff) + ".0/24\"]}]"));
        }
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong();
        try (RisLiveServer server = RisLiveServer.scripted(List.of(new RisLiveServer.Script(flood, false)))) {
            int port = server.port();
            RisLiveConfig cfg = new RisLiveConfig(URI.create("ws://127.0.0.1:" + port + "/v1/ws/"), Map.of(),
                    Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(400));
            try (RisLiveClient client = new RisLiveClient(cfg, e -> {
                stuck.await();
                got.incrementAndGet();
            })) {
                client.start();
                await(() -> client.backlog() >= 1024);
                Thread.sleep(4000); // more than a stale-after period while paused
                assertThat(client.backlog()).as("bounded: reading stopped (connects %d, stale %d, messages %d)",
                        client.connects(), client.staleStreams(), client.messages()).isBetween(1024, 8 * 1024);
                assertThat(client.messages()).isLessThan(n);
                assertThat(client.staleStreams()).as("a paused stream is not stale").isZero();
                assertThat(client.connects()).isEqualTo(1);
                stuck.countDown();
                await(() -> got.get() == n);
                assertThat(got.get()).isEqualTo(n);
            }
        }
    }

    static RouteElement only(List<RouteElement> l, String peer, ElementType t) {
        List<RouteElement> x = l.stream().filter(e -> e.peerAddress().equals(IpAddress.parse(peer)) && e.type() == t).toList();
        assertThat(x).as("%s %s", peer, t).hasSize(1);
        return x.getFirst();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
