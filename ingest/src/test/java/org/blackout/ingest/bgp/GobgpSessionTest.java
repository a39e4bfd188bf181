package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.AfterAll;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GoBGP peers with the collector over loopback (ADD-PATH send enabled, so path identifiers are
 * exercised), gets a few thousand IPv4 and IPv6 routes from a test BGP speaker and a few from its CLI,
 * withdraws some (speaker withdrawals, {@code gobgp global rib del}), then the neighbour is shut down; the per-peer RIB built from the route
 * elements equals GoBGP's Adj-RIB-Out at each step and the close is a STATE element.
 */
class GobgpSessionTest {
    static final IpAddress GOBGP = IpAddress.parse("127.0.0.3");
    static final int V4 = 3000, V6 = 1000;

    @TempDir static Path dir;
    static PeerRibs ribs;
    static FeedDispatcher feed;
    static BgpCollector collector;
    static Daemon gobgpd;
    static int port, api, bgpPort;
    static TestSpeaker speaker;
    static final java.util.concurrent.atomic.AtomicLong addPathUpdates = new java.util.concurrent.atomic.AtomicLong(),
            pathIds = new java.util.concurrent.atomic.AtomicLong();

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.require(Daemon.installed("gobgpd") && Daemon.installed("gobgp"),
                "GoBGP is not installed (Debian package gobgpd)");
        ribs = new PeerRibs();
        feed = new FeedDispatcher(1024, e -> {
            if (e instanceof FeedEvent.Message m) {
                if (m.peer().addPath()) addPathUpdates.incrementAndGet();
                m.elements().stream().filter(x -> x.pathId() != 0).findAny().ifPresent(x -> pathIds.incrementAndGet());
            }
        }, ribs);
        collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), 90,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.3"), 65002, "gobgp", true))), feed);
        port = collector.start().getPort();
        api = freePort();
        bgpPort = freePort();
        Files.writeString(dir.resolve("gobgpd.toml"), """
                [global.config]
                  as = 65002
                  router-id = "10.0.0.3"
                  port = %d
                  local-address-list = ["127.0.0.3"]
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.4"
                    peer-as = 64999
                  [neighbors.transport.config]
                    passive-mode = true
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv6-unicast"
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.1"
                    peer-as = 65000
                  [neighbors.transport.config]
                    local-address = "127.0.0.3"
                    remote-port = %d
                  [neighbors.timers.config]
                    connect-retry = 1
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                    [neighbors.afi-safis.add-paths.config]
                      send-max = 8
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv6-unicast"
                    [neighbors.afi-safis.add-paths.config]
                      send-max = 8
                """.formatted(bgpPort, port));
        gobgpd = Daemon.start(dir, "gobgpd", List.of("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(),
                "--api-hosts", "127.0.0.1:" + api, "--pprof-disable", "-p"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (speaker != null) speaker.close();
        if (gobgpd != null) gobgpd.close();
        if (collector != null) collector.close();
        if (feed != null) feed.close();
    }

    static String gobgp(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", Integer.toString(api)));
        cmd.addAll(List.of(args));
        return Daemon.run(dir, cmd);
    }

    /** GoBGP's Adj-RIB-Out towards the collector, both families. */
    static Set<Prefix> adjRibOut() throws Exception {
        Set<Prefix> s = new HashSet<>();
        for (String afi : List.of("ipv4", "ipv6")) {
            for (String line : gobgp("neighbor", "127.0.0.1", "adj-out", "-a", afi).split("\n")) {
                String[] f = line.trim().split("\\s+");
                for (String x : f) {
                    if (x.contains("/") && Character.isDigit(x.charAt(0)) || x.startsWith("2001:")) {
                        s.add(Prefix.parse(x));
                        break;
                    }
                }
            }
        }
        return s;
    }

    static int count(String afi) throws Exception {
        String out = gobgp("global", "rib", "summary", "-a", afi);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Destination: (\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(100);
    }

    static Set<Prefix> expected(java.util.function.IntPredicate keep) {
        Set<Prefix> s = new HashSet<>(TestRoutes.v4(V4, keep));
        s.addAll(TestRoutes.v6(V6, keep));
        return s;
    }

    static final List<Prefix> CLI = List.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("203.0.113.0/24"),
            Prefix.parse("2001:db8:ffff::/48"));

    static TestSpeaker connectSpeaker() throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return new TestSpeaker(InetAddress.getByName("127.0.0.4"),
                        new InetSocketAddress(InetAddress.getByName("127.0.0.3"), bgpPort), 64999,
                        IpAddress.parse("10.0.0.4").v4Address());
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    @Test
    void ribFollowsGobgpThroughAnnounceWithdrawAndClose() throws Exception {
        await(() -> !collector.established().isEmpty() || !gobgpd.alive());
        assertThat(collector.established()).as("gobgpd output: %s", gobgpd.output()).hasSize(1);
        // routes reach GoBGP two ways: a BGP speaker (thousands) and the gobgp CLI (a few)
        speaker = connectSpeaker();
        speaker.announce(TestRoutes.v4(V4, i -> true), new long[] {64999, 64512}, IpAddress.parse("192.0.2.4"), null);
        speaker.announce(TestRoutes.v6(V6, i -> true), new long[] {64999, 64512}, null, IpAddress.parse("2001:db8::4"));
        speaker.flush();
        for (Prefix p : CLI) {
            gobgp("global", "rib", "add", "-a", p.v6() ? "ipv6" : "ipv4", p.toString(), "nexthop",
                    p.v6() ? "2001:db8::3" : "127.0.0.3");
        }
        Set<Prefix> all = expected(i -> true);
        all.addAll(CLI);
        await(() -> ribs.prefixes(GOBGP).equals(all));
        assertThat(ribs.prefixes(GOBGP)).as("gobgpd: %s", gobgpd.output()).hasSize(V4 + V6 + CLI.size()).isEqualTo(all).isEqualTo(adjRibOut());
        PathAttributes a = ribs.attributes(GOBGP, TestRoutes.v4(7));
        assertThat(a.asPath().toString()).isEqualTo("65002 64999 64512");
        assertThat(a.nextHopFor(TestRoutes.v4(7))).isEqualTo(GOBGP);
        assertThat(ribs.attributes(GOBGP, CLI.getFirst()).asPath().toString()).isEqualTo("65002");
        // ADD-PATH receive was negotiated (GoBGP sends, we receive): UPDATEs carry path identifiers
        assertThat(addPathUpdates.get()).isPositive();
        assertThat(pathIds.get()).isPositive();

        // withdraw every 50th speaker route and the CLI's routes
        java.util.function.IntPredicate gone = i -> i % 50 == 0;
        speaker.withdraw(TestRoutes.v4(V4, gone));
        speaker.withdraw(TestRoutes.v6(V6, gone));
        speaker.flush();
        for (Prefix p : CLI) gobgp("global", "rib", "del", "-a", p.v6() ? "ipv6" : "ipv4", p.toString());
        Set<Prefix> less = expected(gone.negate());
        await(() -> ribs.prefixes(GOBGP).equals(less));
        assertThat(ribs.prefixes(GOBGP)).isEqualTo(less).isEqualTo(adjRibOut());

        gobgp("neighbor", "127.0.0.1", "disable", "--reason", "maintenance window");
        await(() -> ribs.states(GOBGP).size() >= 2);
        assertThat(ribs.states(GOBGP)).extracting(s -> s.oldState() + ">" + s.newState()).containsExactly("5>6", "6>1");
        assertThat(ribs.prefixes(GOBGP)).isEmpty();
        // Cease/Administrative Shutdown (GoBGP 3.10's disable sends no RFC 9003 text; BIRD's test checks the text)
        assertThat(collector.lastCloseReason(GOBGP)).startsWith("NOTIFICATION 6/2 received");
    }
}
