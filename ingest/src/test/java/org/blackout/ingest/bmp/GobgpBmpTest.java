package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.AfterEach;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real router exporting BMP: gobgpd "A" monitors its iBGP session with gobgpd "B" and exports it
 * (pre- and post-policy Adj-RIB-In and Loc-RIB, RFC 9069) to the listener. B announces IPv4 and IPv6
 * routes, withdraws some, then stops; the listener's view of each of A's tables equals what B
 * announced at each step, and B's going away is a Peer Down and a STATE element to Idle. (iBGP keeps
 * B's next hops: over eBGP they would be B's loopback address, which A refuses as a next hop.)
 */
class GobgpBmpTest {
    static final IpAddress B = IpAddress.parse("127.0.0.6"), LOC_RIB = IpAddress.parse("0.0.0.0");
    static final int V4 = 40, V6 = 20;

    @TempDir Path dir;
    final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : daemons) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    @Test
    void gobgpPeersAndRoutesAppear() throws Exception {
        Prerequisites.require(installed("gobgpd") && installed("gobgp"),
                "GoBGP is not installed (Debian package gobgpd)");
        RecordingEvents got = new RecordingEvents();
        try (BmpListener listener = new BmpListener(got, got)) {
            int bmpPort = listener.bind(new InetSocketAddress("127.0.0.1", 0)).getPort();
            int apiA = freePort(), apiB = freePort(), bgpA = freePort();
            Files.writeString(dir.resolve("a.toml"), """
                    [global.config]
                      as = 65002
                      router-id = "10.0.0.5"
                      port = %d
                      local-address-list = ["127.0.0.5"]
                    [[bmp-servers]]
                      [bmp-servers.config]
                        address = "127.0.0.1"
                        port = %d
                        route-monitoring-policy = "all"
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "127.0.0.6"
                        peer-as = 65002
                      [neighbors.transport.config]
                        passive-mode = true
                        local-address = "127.0.0.5"
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv6-unicast"
                    """.formatted(bgpA, bmpPort));
            Files.writeString(dir.resolve("b.toml"), """
                    [global.config]
                      as = 65002
                      router-id = "10.0.0.6"
                      port = -1
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "127.0.0.5"
                        peer-as = 65002
                      [neighbors.transport.config]
                        local-address = "127.0.0.6"
                        remote-port = %d
                      [neighbors.timers.config]
                        connect-retry = 1
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv6-unicast"
                    """.formatted(bgpA));
            Process a = daemon("a", apiA);
            Process b = daemon("b", apiB);

            Set<Prefix> announced = new HashSet<>();
            for (int i = 0; i < V4; i++) {
                Prefix p = Prefix.parse("198.18." + i + ".0/24");
                gobgp(apiB, "global", "rib", "add", p.toString(), "nexthop", "192.0.2.6", "-a", "ipv4");
                announced.add(p);
            }
            for (int i = 0; i < V6; i++) {
                Prefix p = Prefix.parse("2001:db8:" + Integer.toHexString(0x100 + i) + "::/48");
                gobgp(apiB, "global", "rib", "add", p.toString(), "nexthop", "2001:db8::6", "-a", "ipv6");
                announced.add(p);
            }
            await(() -> allTables(got).equals(List.of(announced, announced, announced)));
            System.err.println("elements by table, peer and type: " + tables(got));
            assertThat(routes(got, "bmp:127.0.0.1", B)).as("pre-policy Adj-RIB-In of peer B").isEqualTo(announced);
            assertThat(routes(got, "bmp:127.0.0.1 post", B)).as("post-policy Adj-RIB-In of peer B").isEqualTo(announced);
            assertThat(routes(got, "bmp:127.0.0.1 loc-rib", LOC_RIB)).as("A's Loc-RIB").isEqualTo(announced);
            assertThat(got.peerUps).anySatisfy(u -> {
                assertThat(u.peer().address()).isEqualTo(B);
                assertThat(u.peer().as()).isEqualTo(65002);
                assertThat(u.receivedOpen().bgpId()).isEqualTo(IpAddress.parse("10.0.0.6"));
            });

            for (int i = 0; i < V4; i += 4) {
                Prefix p = Prefix.parse("198.18." + i + ".0/24");
                gobgp(apiB, "global", "rib", "del", p.toString(), "-a", "ipv4");
                announced.remove(p);
            }
            for (int i = 0; i < V6; i += 5) {
                Prefix p = Prefix.parse("2001:db8:" + Integer.toHexString(0x100 + i) + "::/48");
                gobgp(apiB, "global", "rib", "del", p.toString(), "-a", "ipv6");
                announced.remove(p);
            }
            await(() -> allTables(got).equals(List.of(announced, announced, announced)));
            assertThat(allTables(got)).as("pre, post, Loc-RIB after withdrawals")
                    .isEqualTo(List.of(announced, announced, announced));

            b.destroy();
            assertThat(b.waitFor(10, TimeUnit.SECONDS)).isTrue();
            await(() -> !got.peerDowns.isEmpty() && allTables(got).equals(List.of(Set.of(), Set.of(), Set.of())));
            assertThat(got.peerDowns).anySatisfy(d -> assertThat(d.peer().address()).isEqualTo(B));
            assertThat(allTables(got)).as("B's routes gone from pre, post (Peer Down) and Loc-RIB (withdrawn)")
                    .isEqualTo(List.of(Set.of(), Set.of(), Set.of()));

            a.destroy();
            assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
            got.awaitDisconnects(1);
        }
        assertThat(got.damage).isEmpty();
        assertThat(got.initiations).hasSize(1);
    }

    /** Elements per collector and peer, for diagnostics. */
    static Map<String, Integer> tables(RecordingEvents got) {
        Map<String, Integer> m = new java.util.TreeMap<>();
        synchronized (got.elements) {
            for (RecordingEvents.Element e : got.elements) {
                m.merge(e.collector() + " " + e.element().peerAddress() + " " + e.element().type(), 1, Integer::sum);
            }
        }
        return m;
    }

    static List<Set<Prefix>> allTables(RecordingEvents got) {
        return List.of(routes(got, "bmp:127.0.0.1", B), routes(got, "bmp:127.0.0.1 post", B),
                routes(got, "bmp:127.0.0.1 loc-rib", LOC_RIB));
    }

    /** The prefixes a peer currently has in a table, replaying the delivered elements. */
    static Set<Prefix> routes(RecordingEvents got, String collector, IpAddress peer) {
        Map<Prefix, Boolean> rib = new HashMap<>();
        List<RecordingEvents.Element> copy;
        synchronized (got.elements) {
            copy = List.copyOf(got.elements);
        }
        for (RecordingEvents.Element e : copy) {
            RouteElement r = e.element();
            if (!e.collector().equals(collector) || !peer.equals(r.peerAddress())) continue;
            switch (r.type()) {
                case ANNOUNCE -> rib.put(r.prefix(), true);
                case WITHDRAW -> rib.remove(r.prefix());
                case STATE -> rib.clear();
                default -> { }
            }
        }
        return rib.keySet();
    }

    Process daemon(String name, int api) throws IOException {
        Process p = new ProcessBuilder("gobgpd", "-f", dir.resolve(name + ".toml").toString(), "--api-hosts",
                "127.0.0.1:" + api, "--pprof-disable", "-p")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        daemons.add(p);
        return p;
    }

    /** Runs the gobgp CLI against a daemon, retrying while the daemon's API is not up yet. */
    static String gobgp(int api, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", Integer.toString(api)));
        cmd.addAll(List.of(args));
        String out = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) return out;
            Thread.sleep(100);
        }
        throw new IOException(cmd + " failed: " + out);
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a guard, not a timing assertion
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(100);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static boolean installed(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
