package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** Hundreds of sessions on one collector (one virtual thread each): all come up and every route lands with its peer. */
class ManySessionsTest {
    static final int PEERS = 300, ROUTES = 50;

    @Test
    void threeHundredSessions() throws Exception {
        List<NeighbourConfig> ns = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            ns.add(new NeighbourConfig(InetAddress.getByName(address(i)), 64512 + i, "peer" + i, false));
        }
        PeerRibs ribs = new PeerRibs();
        List<TestSpeaker> speakers = new ArrayList<>();
        try (FeedDispatcher feed = new FeedDispatcher(1024, e -> { }, ribs);
             BgpCollector collector = new BgpCollector(new CollectorConfig(
                     new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 65000,
                     IpAddress.parse("10.0.0.1").v4Address(), 90, ns), feed)) {
            InetSocketAddress at = collector.start();
            for (int i = 0; i < PEERS; i++) {
                TestSpeaker s = new TestSpeaker(InetAddress.getByName(address(i)), at, 64512 + i,
                        IpAddress.parse(address(i)).v4Address());
                speakers.add(s);
                List<Prefix> mine = new ArrayList<>();
                for (int r = 0; r < ROUTES; r++) mine.add(Prefix.parse("10." + (i >> 8) + "." + (i & 0xff) + "." + r * 4 + "/30"));
                s.announce(mine, new long[] {64512 + i}, IpAddress.parse("192.0.2.1"), null);
                s.flush();
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline
                    && ribs.ribs.values().stream().mapToInt(java.util.Map::size).sum() < PEERS * ROUTES) Thread.sleep(50);
            assertThat(collector.established()).hasSize(PEERS);
            for (int i = 0; i < PEERS; i++) assertThat(ribs.prefixes(IpAddress.parse(address(i)))).hasSize(ROUTES);
        } finally {
            for (TestSpeaker s : speakers) s.close();
        }
        assertThat(ribs.states).hasSize(2 * PEERS); // up and, at the collector's shutdown, down
    }

    static String address(int i) {
        return "127.1." + (i / 250) + "." + (1 + i % 250);
    }
}
