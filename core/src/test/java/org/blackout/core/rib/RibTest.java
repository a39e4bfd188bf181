package org.blackout.core.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

class RibTest {

    static int intern(PathTable t, String path) {
        AsPath p = AsPath.parse(path);
        return t.intern(p.sequence(), p.origins());
    }

    @Test
    void pathsInternByValue() {
        PathTable t = new PathTable();
        int a = intern(t, "3856 2914 1239 4837 131279");
        int b = intern(t, "3856 2914 1239 4837 131279");
        int c = intern(t, "3856 2914 1239 4837 4837 4837");
        int d = intern(t, "3856 2914 {4837,131279}");
        assertThat(a).isEqualTo(b);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.toString(a)).isEqualTo("3856 2914 1239 4837 131279");
        assertThat(t.origins(a)).containsExactly(131279L);
        assertThat(t.upstreamOfOrigin(a)).isEqualTo(4837);
        assertThat(t.upstreamOfOrigin(c)).isEqualTo(1239); // prepends collapsed
        assertThat(t.origins(d)).containsExactly(4837L, 131279L);
        assertThat(t.upstreamOfOrigin(d)).isEqualTo(2914);
        assertThat(t.upstreamOfOrigin(intern(t, "4200000000"))).isEqualTo(-1);
        assertThat(t.origins(intern(t, "4200000000"))).containsExactly(4_200_000_000L);
    }

    @Test
    void manyPathsSurviveRehash() {
        PathTable t = new PathTable();
        int[] ids = new int[50_000];
        for (int i = 0; i < ids.length; i++) ids[i] = t.intern(new long[] {1, i, i + 7L}, new long[] {i + 7L});
        for (int i = 0; i < ids.length; i++) {
            assertThat(t.intern(new long[] {1, i, i + 7L}, new long[] {i + 7L})).isEqualTo(ids[i]);
        }
        assertThat(t.size()).isEqualTo(50_000);
    }

    @Test
    void prefixesInternBothFamilies() {
        PrefixTable t = new PrefixTable();
        int a = t.intern(Prefix.parse("175.45.176.0/22"));
        int b = t.intern(Prefix.parse("175.45.176.0/24"));
        int c = t.intern(Prefix.parse("2001:db8::/32"));
        assertThat(t.intern(Prefix.parse("175.45.176.0/22"))).isEqualTo(a);
        assertThat(t.prefix(b)).isEqualTo(Prefix.parse("175.45.176.0/24"));
        assertThat(t.prefix(c)).isEqualTo(Prefix.parse("2001:db8::/32"));
        assertThat(t.isV6(c)).isTrue();
        assertThat(t.covers(a, b)).isTrue();
        assertThat(t.covers(b, a)).isFalse();
        assertThat(t.compare(a, b)).isNegative();
        assertThat(t.find(Prefix.parse("10.0.0.0/8"))).isEqualTo(PrefixTable.NONE);
    }

    /** The hybrid sparse/dense table behaves like a map through the switch. */
    @Test
    void peerRibMatchesAMapModel() {
        Random rnd = new Random(42);
        PeerRib rib = new PeerRib();
        Map<Integer, Integer> model = new HashMap<>();
        int known = 20_000;
        for (int step = 0; step < 200_000; step++) {
            int p = rnd.nextInt(known);
            if (rnd.nextInt(4) == 0) {
                Integer old = model.remove(p);
                assertThat(rib.remove(p, false)).isEqualTo(old == null ? PeerRib.NONE : old);
            } else {
                int path = rnd.nextInt(100);
                Integer old = model.put(p, path);
                assertThat(rib.put(p, path, false, known)).isEqualTo(old == null ? PeerRib.NONE : old);
            }
        }
        assertThat(rib.isDense()).isTrue();
        assertThat(rib.size()).isEqualTo(model.size());
        Map<Integer, Integer> seen = new HashMap<>();
        rib.forEach((p, path) -> seen.put(p, path));
        assertThat(seen).isEqualTo(model);
    }

    @Test
    void routingStateTracksPeersPerPrefixAndFullFeed() {
        RoutingState s = new RoutingState();
        int[] changes = {0};
        s.listener((peer, p, o, n) -> changes[0]++);
        int path = s.paths().intern(new long[] {1, 2}, new long[] {2});
        int[] peers = new int[70]; // more than 64: the per-prefix peer bitmap widens
        for (int i = 0; i < peers.length; i++) {
            peers[i] = s.peer(new PeerKey("rrc00", IpAddress.parse("10.0.0." + i), 1000 + i));
            for (int k = 0; k <= (i == 69 ? 0 : 9); k++) s.announce(peers[i], Prefix.parse("10." + k + ".0.0/16"), path);
        }
        s.recomputeFullFeed(FullFeedPolicy.defaults());
        int p0 = s.prefixes().find(Prefix.parse("10.0.0.0/16"));
        assertThat(s.peerBits().count(p0, s.fullFeedMask(false))).isEqualTo(69);
        assertThat(s.fullFeedCount()).isEqualTo(69);
        assertThat(s.isFullFeed(peers[69])).isFalse();
        assertThat(s.announce(peers[3], Prefix.parse("10.0.0.0/16"), path)).isEqualTo(path); // no change
        int before = changes[0];
        assertThat(s.dropPeer(peers[68])).isEqualTo(10);
        assertThat(changes[0] - before).isEqualTo(10);
        s.recomputeFullFeed(FullFeedPolicy.defaults());
        assertThat(s.peerBits().count(p0, s.fullFeedMask(false))).isEqualTo(68);
        s.stale(peers[0], true);
        s.recomputeFullFeed(FullFeedPolicy.defaults());
        assertThat(s.fullFeedCount()).isEqualTo(67);
        assertThat(s.routeCount()).isEqualTo(68 * 10 + 1);
        assertThat(FullFeedPolicy.ioda().fullV4(400_001, 0)).isTrue();
        assertThat(FullFeedPolicy.ioda().fullV4(400_000, 0)).isFalse();
    }
}
