package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.pcap.TcpStreams;
import org.blackout.wire.bmp.Termination;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each monitored router's peers become peers of the engine: the listener feeds {@code engine::accept}
 * while the routers stay connected. Each table (router, view, neighbour) then holds the routes
 * pmacct's log says it holds (its update and withdraw lines for SAFI 1, 2 and 4 replayed in order, a
 * Peer Down clearing the peer's tables), and the engine has one peer per table holding as many
 * routes. Tables are compared without their distinguisher: pmacct leaves the per-peer distinguisher
 * off labeled-unicast routes (rd null), so it files the same Loc-RIB's routes under two names.
 */
class BmpEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> engineRibsMatchPmacct() throws Exception {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        Path root = BmpCaptures.shared().resolve("bmp/pmacct-test-automation");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                List<BmpCaptures> captures = BmpCaptures.all().stream()
                        .filter(c -> c.pcap().getParent().equals(dir)).toList();
                List<Path> outputs;
                try (Stream<Path> files = Files.list(dir)) {
                    outputs = files.filter(f -> f.getFileName().toString().matches("output-bmp-\\d+\\.json"))
                            .sorted().toList();
                }
                if (captures.isEmpty() || outputs.isEmpty()) continue;
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> compare(captures, outputs)));
            }
        }
        return tests;
    }

    private static void compare(List<BmpCaptures> captures, List<Path> outputs) throws Exception {
        Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")),
                new EngineListener() { });
        Semaphore terminated = new Semaphore(0);
        BmpEvents events = new BmpEvents() {
            @Override
            public void terminated(BmpRouter router, Termination m) {
                terminated.release();
            }
        };
        // one loopback address per router, so that the engine tells routers apart as pmacct does
        Map<String, String> routerOf = new HashMap<>(); // pmacct's bmp_router -> our router address
        List<Socket> open = new ArrayList<>();
        Map<String, Set<Prefix>> model = new TreeMap<>(); // the same tables, kept from the elements
        ElementSink both = (collector, e) -> {
            engine.accept(collector, e);
            String key = collector.replaceAll(" rd=\\S+", "") + "|" + e.peerAddress();
            switch (e.type()) {
                case ANNOUNCE -> model.computeIfAbsent(key, k -> new HashSet<>()).add(e.prefix());
                case WITHDRAW -> model.getOrDefault(key, new HashSet<>()).remove(e.prefix());
                case STATE -> model.remove(key);
                default -> { }
            }
        };
        try (BmpListener listener = new BmpListener(both, events)) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            int n = 0;
            for (BmpCaptures c : captures) {
                String local = "127.0.0." + (10 + n++);
                routerOf.put(c.reproIp(), local);
                for (TcpStreams.Stream s : c.streams()) {
                    Socket socket = new Socket(at.getAddress(), at.getPort(), InetAddress.getByName(local), 0);
                    open.add(socket);
                    OutputStream out = socket.getOutputStream();
                    out.write(cutToWhole(s.payload()));
                    // a Termination the router did not send marks the end, delivered after all else
                    out.write(BmpTermination.BYTES);
                    out.flush();
                }
            }
            assertThat(terminated.tryAcquire(open.size(), 120, TimeUnit.SECONDS)).as("all streams delivered").isTrue();
            Map<String, int[]> ours = new TreeMap<>();
            RoutingState rs = engine.routing();
            for (int p = 0; p < rs.peerCount(); p++) {
                PeerKey k = rs.peerKey(p);
                int v4 = rs.rib(p).sizeV4(), v6 = rs.rib(p).sizeV6();
                if (v4 + v6 == 0) continue;
                // merged like the model's keys; see the class comment
                ours.merge(k.collector().replaceAll(" rd=\\S+", "") + "|" + k.address(), new int[] {v4, v6},
                        (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
            }
            Map<String, Set<Prefix>> theirs = pmacct(outputs, routerOf);
            model.values().removeIf(Set::isEmpty);
            Map<String, int[]> modelCounts = new TreeMap<>();
            model.forEach((k, v) -> modelCounts.put(k, counts(v)));
            assertThat(toText(ours)).as("engine RIBs vs the elements delivered").isEqualTo(toText(modelCounts));
            for (String k : new java.util.TreeSet<>(theirs.keySet())) {
                Set<Prefix> a = model.getOrDefault(k, Set.of()), b = theirs.get(k);
                if (!a.equals(b)) {
                    Set<Prefix> extra = new HashSet<>(a), missing = new HashSet<>(b);
                    extra.removeAll(b);
                    missing.removeAll(a);
                    System.err.println(k + ": extra " + extra + " missing " + missing);
                }
            }
            assertThat(model.keySet()).as("tables").isEqualTo(theirs.keySet());
            assertThat(model).as("routes per table vs pmacct").isEqualTo(theirs);
            for (Socket s : open) s.close();
        }
    }

    /** The stream without a last message the capture cut short (it would swallow the marker). */
    private static byte[] cutToWhole(byte[] s) {
        int i = 0;
        while (i + 6 <= s.length) {
            long len = ((s[i + 1] & 0xffL) << 24) | ((s[i + 2] & 0xff) << 16) | ((s[i + 3] & 0xff) << 8) | (s[i + 4] & 0xff);
            if (i + len > s.length) break;
            i += (int) len;
        }
        return java.util.Arrays.copyOf(s, i);
    }

    private static Map<String, String> toText(Map<String, int[]> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, "v4=" + v[0] + " v6=" + v[1]));
        return out;
    }

    private static int[] counts(Set<Prefix> s) {
        int v4 = (int) s.stream().filter(Prefix::v4).count();
        return new int[] {v4, s.size() - v4};
    }

    /** Routes per table in pmacct's log, keyed as the engine's peers: "bmp:ROUTER[ table]|PEER". */
    static Map<String, Set<Prefix>> pmacct(List<Path> outputs, Map<String, String> routerOf) throws Exception {
        Map<String, Set<Prefix>> tables = new HashMap<>();
        for (Path f : outputs) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) continue;
                JsonNode j = JSON.readTree(line);
                String router = "bmp:" + (routerOf.size() == 1 ? routerOf.values().iterator().next()
                        : routerOf.getOrDefault(j.path("bmp_router").asText(), "?"));
                String peer = j.path("peer_ip").asText();
                String rd = null; // see the class comment
                switch (j.path("bmp_msg_type").asText()) {
                    case "route_monitor" -> {
                        int safi = j.path("safi").asInt();
                        String log = j.path("log_type").asText();
                        if (safi != 1 && safi != 2 && safi != 4 || log.equals("end-of-rib")) continue;
                        String key = router + table(j, rd) + "|" + peer;
                        Prefix p = Prefix.parse(j.path("ip_prefix").asText());
                        if (log.equals("update")) tables.computeIfAbsent(key, k -> new HashSet<>()).add(p);
                        else if (tables.containsKey(key)) tables.get(key).remove(p);
                    }
                    case "peer_down" -> {
                        String suffix = "|" + peer;
                        String rdText = rd == null ? null : "rd=" + rd;
                        tables.keySet().removeIf(k -> k.startsWith(router) && k.endsWith(suffix)
                                && (rdText == null ? !k.contains("rd=") : k.contains(rdText)));
                    }
                    default -> { }
                }
            }
        }
        tables.values().removeIf(Set::isEmpty);
        return new TreeMap<>(tables);
    }

    /** The table part of the collector name, as {@code BmpRouteElements.table} writes it. */
    private static String table(JsonNode j, String rd) {
        String view;
        if (j.path("is_loc").asInt() == 1) view = "loc-rib";
        else if (j.path("is_out").asInt() == 1) view = j.path("is_post").asInt() == 1 ? "out-post" : "out-pre";
        else view = j.path("is_post").asInt() == 1 ? "post" : "";
        String t = rd == null ? view : view.isEmpty() ? "rd=" + rd : view + " rd=" + rd;
        return t.isEmpty() ? "" : " " + t;
    }

    /** A Termination message (RFC 7854 4.5) with reason 0, administratively closed. */
    private static final class BmpTermination {
        static final byte[] BYTES = {3, 0, 0, 0, 12, 5, 0, 1, 0, 2, 0, 0};
    }
}
