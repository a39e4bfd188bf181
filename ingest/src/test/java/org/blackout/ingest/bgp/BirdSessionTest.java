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
import java.time.Duration;
import java.util.ArrayList;
import org.blackout.ingest.archive.MrtArchive;
import org.blackout.ingest.config.ArchiveConfig;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
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
 * BIRD 2 peers with the collector over loopback, exports a few thousand static IPv4 and IPv6 routes,
 * withdraws a third of them on reconfiguration, then shuts the session down; the per-peer RIB built
 * from the route elements must equal BIRD's export at each step, and the close must be a STATE element.
 * The session is archived meanwhile: replaying the archive gives the same elements, bgpdump reads it.
 */
class BirdSessionTest {
    static final IpAddress BIRD = IpAddress.parse("127.0.0.2");
    static final int V4 = 3000, V6 = 1000;

    @TempDir static Path dir;
    static PeerRibs ribs;
    static FeedDispatcher feed;
    static BgpCollector collector;
    static Daemon bird;
    static int port;
    static MrtArchive archive;

    @BeforeAll
    static void start() throws Exception {
        Prerequisites.require(Daemon.installed("bird") && Daemon.installed("birdc"),
                "BIRD 2 is not installed (Debian package bird2)");
        ribs = new PeerRibs();
        ribs.keepAll = true;
        archive = new MrtArchive(new ArchiveConfig(dir.resolve("mrt"), Duration.ofMinutes(15), Duration.ofHours(2)),
                IpAddress.parse("10.0.0.1"), "blackout");
        feed = new FeedDispatcher(1024, archive, ribs);
        collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), 90,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.2"), 65001, "bird", false))), feed);
        port = collector.start().getPort();
        writeConfig(i -> true);
        bird = Daemon.start(dir, "bird", List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(),
                "-s", dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bird != null) bird.close();
        if (collector != null) collector.close();
        if (feed != null) feed.close();
        if (archive != null) archive.close();
    }

    interface Keep {
        boolean keep(int i);
    }

    static Prefix v4(int i) {
        return Prefix.parse("10." + (i >> 8) + "." + (i & 0xff) + ".0/24");
    }

    static Prefix v6(int i) {
        return Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48");
    }

    static void writeConfig(Keep keep) throws Exception {
        StringBuilder s4 = new StringBuilder(), s6 = new StringBuilder();
        for (int i = 0; i < V4; i++) if (keep.keep(i)) s4.append("  route ").append(v4(i)).append(" blackhole;\n");
        for (int i = 0; i < V6; i++) if (keep.keep(i)) s6.append("  route ").append(v6(i)).append(" blackhole;\n");
        String conf = """
                router id 10.0.0.2;
                log "%s" all;
                protocol device {}
                protocol static s4 { ipv4;
                %s}
                protocol static s6 { ipv6;
                %s}
                protocol bgp blackout {
                  local 127.0.0.2 as 65001;
                  neighbor 127.0.0.1 port %d as 65000;
                  multihop;
                  connect delay time 1;
                  connect retry time 1;
                  ipv4 { import none; export all; next hop self; };
                  ipv6 { import none; export all; next hop address 2001:db8::2; };
                }
                """.formatted(dir.resolve("bird.log"), s4, s6, port);
        Files.writeString(dir.resolve("bird.conf"), conf);
    }

    static Set<Prefix> expected(Keep keep) {
        Set<Prefix> s = new HashSet<>();
        for (int i = 0; i < V4; i++) if (keep.keep(i)) s.add(v4(i));
        for (int i = 0; i < V6; i++) if (keep.keep(i)) s.add(v6(i));
        return s;
    }

    /** What BIRD says it exports to the collector, both channels. */
    static Set<Prefix> birdExport() throws Exception {
        Set<Prefix> s = new HashSet<>();
        for (String table : List.of("master4", "master6")) {
            String out = Daemon.run(dir, List.of("birdc", "-s", dir.resolve("bird.ctl").toString(), "show", "route",
                    "table", table, "export", "blackout"));
            for (String line : out.split("\n")) {
                String first = line.split("\\s+", 2)[0];
                if (first.contains("/") && !line.startsWith(" ")) s.add(Prefix.parse(first));
            }
        }
        return s;
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(100);
    }

    @Test
    void ribFollowsBirdThroughAnnounceWithdrawAndClose() throws Exception {
        Set<Prefix> all = expected(i -> true);
        await(() -> ribs.prefixes(BIRD).equals(all));
        assertThat(bird.alive()).as("bird running: %s", bird.output()).isTrue();
        assertThat(ribs.prefixes(BIRD)).hasSize(V4 + V6).isEqualTo(all).isEqualTo(birdExport());
        assertThat(ribs.states(BIRD)).first().satisfies(s -> assertThat(s.newState()).isEqualTo(6));
        PathAttributes a = ribs.attributes(BIRD, v4(7));
        assertThat(a.asPath().toString()).isEqualTo("65001");
        assertThat(a.nextHopFor(v4(7))).isEqualTo(BIRD);
        assertThat(ribs.attributes(BIRD, v6(7)).nextHopFor(v6(7))).isEqualTo(IpAddress.parse("2001:db8::2"));

        // withdraw a third: reconfigure BIRD without them
        Keep kept = i -> i % 3 != 0;
        writeConfig(kept);
        Daemon.run(dir, List.of("birdc", "-s", dir.resolve("bird.ctl").toString(), "configure"));
        Set<Prefix> less = expected(kept);
        await(() -> ribs.prefixes(BIRD).equals(less));
        assertThat(ribs.prefixes(BIRD)).isEqualTo(less).isEqualTo(birdExport());

        // close: BIRD sends Cease/Administrative Shutdown with a shutdown communication
        Daemon.run(dir, List.of("birdc", "-s", dir.resolve("bird.ctl").toString(), "disable", "blackout",
                "\"maintenance window\""));
        await(() -> ribs.states(BIRD).size() >= 2);
        assertThat(ribs.states(BIRD)).extracting(s -> s.oldState() + ">" + s.newState()).containsExactly("5>6", "6>1");
        assertThat(ribs.prefixes(BIRD)).isEmpty();
        assertThat(collector.lastCloseReason(BIRD)).isEqualTo("NOTIFICATION 6/2 received: \"maintenance window\"");

        // the archive of the session: replaying it gives exactly the elements received, and bgpdump reads it
        feed.close();
        archive.close();
        List<Path> files;
        try (var s = Files.walk(dir.resolve("mrt"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("updates.")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<RouteElement> replayed = new ArrayList<>();
        for (Path f : files) {
            RouteElements flat = new RouteElements();
            try (var in = MrtFiles.open(f); MrtReader r = new MrtReader(in, f.toString())) {
                for (MrtRecord rec; (rec = r.next()) != null; ) flat.accept(rec, replayed::add);
            }
        }
        assertThat(replayed).hasSize(ribs.all.size()).isEqualTo(ribs.all);
        if (Prerequisites.optional(Daemon.installed("bgpdump"), "bgpdump (apt-get install bgpdump): the archive is not read back with it")) {
            long lines = 0;
            for (Path f : files) lines += Daemon.run(dir, List.of("bgpdump", "-m", f.toString())).lines()
                    .filter(l -> l.startsWith("BGP4MP_ET|")).count();
            assertThat(lines).as("bgpdump -m lines").isEqualTo(ribs.all.size());
        }
    }
}
