package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.AfterAll;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful restart, helper side (RFC 4724), with a real restarting peer: BIRD is killed (SIGKILL: the
 * connection drops without a NOTIFICATION) and started again with fewer routes. The feed must not see
 * the session go down, the routes stay meanwhile, and after BIRD's End-of-RIB the routes it no longer
 * announces are withdrawn.
 */
class BirdGracefulRestartTest {
    static final IpAddress BIRD = IpAddress.parse("127.0.0.7");
    static final int V4 = 500, V6 = 200;

    @TempDir static Path dir;
    static PeerRibs ribs;
    static FeedDispatcher feed;
    static BgpCollector collector;
    static Daemon bird;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.require(Daemon.installed("bird"), "BIRD 2 is not installed (Debian package bird2)");
        ribs = new PeerRibs();
        feed = new FeedDispatcher(256, e -> { }, ribs);
        collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), 90,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.7"), 65007, "bird-gr", false))), feed);
        port = collector.start().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bird != null) bird.close();
        if (collector != null) collector.close();
        if (feed != null) feed.close();
    }

    static Daemon startBird(IntPredicate keep) throws Exception {
        StringBuilder s4 = new StringBuilder(), s6 = new StringBuilder();
        for (Prefix p : TestRoutes.v4(V4, keep)) s4.append("  route ").append(p).append(" blackhole;\n");
        for (Prefix p : TestRoutes.v6(V6, keep)) s6.append("  route ").append(p).append(" blackhole;\n");
        Files.writeString(dir.resolve("bird.conf"), """
                router id 10.0.0.7;
                protocol device {}
                protocol static s4 { ipv4;
                %s}
                protocol static s6 { ipv6;
                %s}
                protocol bgp blackout {
                  local 127.0.0.7 as 65007;
                  neighbor 127.0.0.1 port %d as 65000;
                  multihop;
                  connect delay time 1;
                  connect retry time 1;
                  graceful restart on;
                  ipv4 { import none; export all; next hop self; };
                  ipv6 { import none; export all; next hop address 2001:db8::7; };
                }
                """.formatted(s4, s6, port));
        return Daemon.start(dir, "bird", List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(),
                "-s", dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString()));
    }

    static Set<Prefix> expected(IntPredicate keep) {
        Set<Prefix> s = new HashSet<>(TestRoutes.v4(V4, keep));
        s.addAll(TestRoutes.v6(V6, keep));
        return s;
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(50);
    }

    @Test
    void restartingPeerKeepsItsRoutesUntilEndOfRib() throws Exception {
        bird = startBird(i -> true);
        Set<Prefix> all = expected(i -> true);
        await(() -> ribs.prefixes(BIRD).equals(all));
        assertThat(ribs.prefixes(BIRD)).isEqualTo(all);

        // crash: no NOTIFICATION, the TCP connection just closes
        ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("bird.pid")).trim())).orElseThrow().destroyForcibly();
        bird.close();
        await(() -> collector.established().isEmpty());
        assertThat(collector.established()).isEmpty();
        Thread.sleep(300);
        assertThat(ribs.states(BIRD)).as("the feed does not see the restart").extracting(s -> s.newState()).containsExactly(6);
        assertThat(ribs.prefixes(BIRD)).as("stale routes are kept").isEqualTo(all);

        // back with a fifth of the routes gone
        IntPredicate kept = i -> i % 5 != 0;
        bird = startBird(kept);
        Set<Prefix> less = expected(kept);
        await(() -> ribs.prefixes(BIRD).equals(less));
        assertThat(ribs.prefixes(BIRD)).isEqualTo(less);
        assertThat(collector.established()).hasSize(1);
        assertThat(ribs.states(BIRD)).extracting(s -> s.oldState() + ">" + s.newState()).containsExactly("5>6");
    }
}
