package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.blackout.ingest.pcap.TcpStreams;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays each pmacct-test-automation BMP capture over TCP to a {@link BmpListener} on loopback and
 * compares what it delivers with the JSON pmacct produced from the same capture
 * ({@code output-bmp-*.json}): the set of (peer, prefix, update|withdraw) of pmacct's
 * {@code route_monitor} log lines for the Internet families Blackout flattens (AFI 1/2, SAFI 1, 2
 * and 4; pmacct's VPN routes, SAFI 128, are not Internet routes), the Peer Up and Peer Down messages
 * (peer address, AS, BGP identifier), and the routers' Initiation sysNames.
 */
class BmpListenerReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> FLATTENED_SAFIS = Set.of(1, 2, 4);

    record Route(IpAddress peer, Prefix prefix, ElementType type) {}

    record Peer(IpAddress address, long as, IpAddress bgpId) {}

    /** What pmacct wrote for one test directory. */
    record Pmacct(Set<Route> routes, Map<Peer, Integer> peerUps, Map<Peer, Integer> peerDowns, Set<String> sysNames,
            int counters) {}

    @TestFactory
    List<DynamicTest> replayMatchesPmacct() throws IOException {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        Path root = BmpCaptures.shared().resolve("bmp/pmacct-test-automation");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                List<BmpCaptures> captures = BmpCaptures.all().stream().filter(c -> c.pcap().getParent().equals(dir))
                        .toList();
                List<Path> outputs;
                try (Stream<Path> files = Files.list(dir)) {
                    outputs = files.filter(f -> f.getFileName().toString().matches("output-bmp-\\d+\\.json")).sorted()
                            .toList();
                }
                if (captures.isEmpty() || outputs.isEmpty()) continue;
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> compare(captures, outputs)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }

    private static void compare(List<BmpCaptures> captures, List<Path> outputs) throws Exception {
        RecordingEvents got = new RecordingEvents();
        int streams = 0;
        try (BmpListener listener = new BmpListener(got, got, 64)) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (BmpCaptures c : captures) {
                for (TcpStreams.Stream s : c.streams()) {
                    try (Socket socket = new Socket(at.getAddress(), at.getPort())) {
                        OutputStream out = socket.getOutputStream();
                        out.write(s.payload());
                        out.flush();
                    }
                    streams++;
                }
            }
            got.awaitDisconnects(streams);
        }
        Pmacct expected = pmacct(outputs);
        Set<Route> routes = new HashSet<>();
        Map<Peer, Integer> ups = new HashMap<>(), downs = new HashMap<>();
        int stateUp = 0, stateDown = 0;
        // pmacct logs a withdrawal only when it holds the route (it fills the withdrawal's attributes
        // from it): keep per (router table, peer) which prefixes are held, and count withdrawals the same way
        Map<String, Set<Prefix>> held = new HashMap<>();
        for (RecordingEvents.Element e : got.elements) {
            RouteElement r = e.element();
            Set<Prefix> table = held.computeIfAbsent(e.collector() + " " + r.peerAddress(), k -> new HashSet<>());
            switch (r.type()) {
                case ANNOUNCE -> {
                    routes.add(new Route(r.peerAddress(), r.prefix(), r.type()));
                    table.add(r.prefix());
                }
                case WITHDRAW -> {
                    if (table.remove(r.prefix())) routes.add(new Route(r.peerAddress(), r.prefix(), r.type()));
                }
                case STATE -> {
                    table.clear();
                    if (r.newState() == 6) stateUp++;
                    else stateDown++;
                }
                default -> throw new AssertionError("unexpected " + r);
            }
        }
        got.peerUps.forEach(u -> ups.merge(new Peer(u.peer().address(), u.peer().as(), u.peer().bgpId()), 1, Integer::sum));
        got.peerDowns.forEach(d -> downs.merge(new Peer(d.peer().address(), d.peer().as(), d.peer().bgpId()), 1,
                Integer::sum));
        Set<String> sysNames = new HashSet<>();
        got.initiations.forEach(i -> sysNames.add(i.sysName()));
        int lost = got.peersLost.stream().mapToInt(Integer::intValue).sum();
        System.err.println(captures.getFirst().pcap().getParent().getFileName() + ": " + streams + " connections, "
                + got.elements.size() + " elements, " + routes.size() + " distinct routes (pmacct "
                + expected.routes().size() + "), peer up " + got.peerUps.size() + ", peer down " + got.peerDowns.size()
                + ", stats " + got.stats.size() + ", damage " + got.damage);

        // a capture whose last message the capture itself cut short: reported when the connection closes
        long cut = captures.stream().filter(c -> BmpCaptureDecodeTest.CUT_AT_END.contains(c.name())).count();
        assertThat(got.damage).as("damage reported").hasSize((int) cut)
                .allMatch(d -> d.matches("127\\.0\\.0\\.1 offset \\d+: connection closed \\d+ bytes into a message"));
        Set<Route> missing = new HashSet<>(expected.routes());
        missing.removeAll(routes);
        Set<Route> extra = new HashSet<>(routes);
        extra.removeAll(expected.routes());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            System.err.println("missing " + missing.stream().limit(5).toList() + "\nextra " + extra.stream().limit(5).toList());
        }
        assertThat(missing).as("routes pmacct has and the listener has not").isEmpty();
        assertThat(extra).as("routes the listener has and pmacct has not").isEmpty();
        assertThat(ups).as("peer ups vs pmacct").isEqualTo(expected.peerUps());
        assertThat(downsByAddressAndAs(downs)).as("peer downs vs pmacct")
                .isEqualTo(downsByAddressAndAs(expected.peerDowns()));
        assertThat(sysNames).as("initiation sysName vs pmacct").isEqualTo(expected.sysNames());
        assertThat(stateUp).as("STATE 1->6 elements, one per Peer Up").isEqualTo(got.peerUps.size());
        assertThat(stateDown).as("STATE 6->1 elements: at least one per Peer Down and per peer known at the close")
                .isGreaterThanOrEqualTo(got.peerDowns.size() + lost);
        // with every connection closed, each table of each peer ends in a STATE element to Idle
        Map<String, RouteElement> last = new HashMap<>();
        for (RecordingEvents.Element e : got.elements) last.put(e.collector() + " " + e.element().peerAddress(), e.element());
        assertThat(last.values()).allMatch(r -> r.type() == ElementType.STATE && r.newState() == 1);
        assertThat(got.connected).hasSize(streams);
        assertThat(got.stats.stream().mapToInt(s -> s.stats().size()).sum()).as("statistics counters vs pmacct")
                .isEqualTo(expected.counters());
    }

    /** pmacct's Peer Down lines carry no bgp_id: compare on address and AS. */
    private static Map<String, Integer> downsByAddressAndAs(Map<Peer, Integer> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((p, n) -> out.merge(p.address() + " AS" + p.as(), n, Integer::sum));
        return out;
    }

    static Pmacct pmacct(List<Path> outputs) throws IOException {
        Set<Route> routes = new HashSet<>();
        Map<Peer, Integer> ups = new HashMap<>(), downs = new HashMap<>();
        Set<String> sysNames = new HashSet<>();
        int counters = 0;
        for (Path f : outputs) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) continue;
                JsonNode j = JSON.readTree(line);
                String type = j.path("bmp_msg_type").asText();
                switch (type) {
                    case "route_monitor" -> {
                        String log = j.path("log_type").asText();
                        if (!FLATTENED_SAFIS.contains(j.path("safi").asInt()) || log.equals("end-of-rib")) continue;
                        ElementType t = switch (log) {
                            case "update" -> ElementType.ANNOUNCE;
                            case "withdraw" -> ElementType.WITHDRAW;
                            default -> throw new AssertionError("log_type " + log + " in " + line);
                        };
                        routes.add(new Route(IpAddress.parse(j.path("peer_ip").asText()),
                                Prefix.parse(j.path("ip_prefix").asText()), t));
                    }
                    case "peer_up" -> ups.merge(peer(j), 1, Integer::sum);
                    case "peer_down" -> downs.merge(peer(j), 1, Integer::sum);
                    case "init" -> sysNames.add(j.path("bmp_init_info_sysname").asText(null));
                    case "stats" -> counters++;
                    default -> { }
                }
            }
        }
        return new Pmacct(routes, ups, downs, sysNames, counters);
    }

    private static Peer peer(JsonNode j) {
        String id = j.path("bgp_id").asText(null);
        return new Peer(IpAddress.parse(j.path("peer_ip").asText()), j.path("peer_asn").asLong(),
                id == null ? null : IpAddress.parse(id));
    }
}
