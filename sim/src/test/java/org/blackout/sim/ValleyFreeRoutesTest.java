package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/** Every generated path climbs, crosses at most one peer link, then descends; preferences hold. */
class ValleyFreeRoutesTest {

    @Test
    void preferCustomerOverPeerOverProviderThenShortest() {
        // 1 is the vantage; 2 its provider, 3 its peer, 4 its customer; 5 reachable through all three
        AsGraph g = new AsGraph.Builder()
                .add(1, 2, AsGraph.Rel.CUSTOMER_OF)
                .add(1, 3, AsGraph.Rel.PEER_OF)
                .add(1, 4, AsGraph.Rel.PROVIDER_OF)
                .add(2, 5, AsGraph.Rel.PROVIDER_OF)
                .add(3, 5, AsGraph.Rel.PROVIDER_OF)
                .add(4, 6, AsGraph.Rel.PROVIDER_OF)
                .add(6, 5, AsGraph.Rel.PROVIDER_OF)      // customer route: 1 4 6 5, longer but preferred
                .add(3, 7, AsGraph.Rel.PROVIDER_OF)      // peer route only: 1 3 7
                .add(2, 8, AsGraph.Rel.PEER_OF)          // provider's peer: 1 2 8
                .add(8, 9, AsGraph.Rel.CUSTOMER_OF)      // 9 is 8's provider: 8 gives 2 only its customer routes
                .build();
        ValleyFreeRoutes r = new ValleyFreeRoutes(g, g.index(1));
        assertThat(r.path(g.index(5))).containsExactly(1, 4, 6, 5);
        assertThat(r.path(g.index(7))).containsExactly(1, 3, 7);
        assertThat(r.path(g.index(8))).containsExactly(1, 2, 8);
        assertThat(r.path(g.index(9))).isNull(); // only via a valley (2 -> 8 peer -> 9 provider)
        assertThat(r.path(g.index(1))).containsExactly(1);
    }

    /** A property over many random graphs (seeded, so failures reproduce). */
    @Test
    void randomGraphsGiveOnlyValleyFreePaths() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int n = 5 + rnd.nextInt(60);
            AsGraph.Builder b = new AsGraph.Builder();
            int edges = n + rnd.nextInt(n * 3);
            for (int e = 0; e < edges; e++) {
                int a = 1 + rnd.nextInt(n), c = 1 + rnd.nextInt(n);
                b.add(a, c, AsGraph.Rel.values()[rnd.nextInt(3)]);
            }
            b.add(1, 2, AsGraph.Rel.PEER_OF);
            AsGraph g = b.build();
            for (int v = 0; v < g.size(); v++) {
                ValleyFreeRoutes r = new ValleyFreeRoutes(g, v);
                for (int d = 0; d < g.size(); d++) {
                    int[] p = r.path(d);
                    if (p == null) continue;
                    assertThat(p[0]).isEqualTo(g.asn(v));
                    assertThat(p[p.length - 1]).isEqualTo(g.asn(d));
                    assertThat(ValleyFreeRoutes.isValleyFree(g, p)).as("seed %d path %s", seed, java.util.Arrays.toString(p)).isTrue();
                    assertThat(java.util.Arrays.stream(p).distinct().count()).as("loop-free").isEqualTo(p.length);
                }
            }
        }
    }

    @Test
    void realGraphFromEveryVantageIsValleyFree() throws Exception {
        Path asrel = Path.of(System.getProperty("blackout.shared", "../shared/data"), "asrel/thunderwolf-whole-internet-rel.txt");
        Prerequisites.require(Files.isRegularFile(asrel), "shared data not found: " + asrel);
        AsGraph g = AsGraph.readThunderwolf(asrel);
        // the README's fact: AS4837 (China Unicom) is AS131279's provider
        assertThat(g.relation(g.index(131279), g.index(4837))).isEqualTo(AsGraph.Rel.CUSTOMER_OF);
        FullTableBuilder b = new FullTableBuilder(g, 7);
        int checked = 0;
        for (int v : b.vantages(10)) {
            ValleyFreeRoutes r = new ValleyFreeRoutes(g, g.index(v));
            int reached = 0;
            for (int d = 0; d < g.size(); d++) {
                int[] p = r.path(d);
                if (p == null) continue;
                reached++;
                assertThat(ValleyFreeRoutes.isValleyFree(g, p)).as("AS%d to AS%d: %s", v, g.asn(d), java.util.Arrays.toString(p)).isTrue();
                checked++;
            }
            assertThat(reached).as("a well-connected vantage reaches most ASes").isGreaterThan(g.size() * 9 / 10);
            int[] kp = r.path(g.index(131279));
            // the 2013 graph lists two providers of AS131279: China Unicom and Intelsat (satellite)
            assertThat(kp[kp.length - 2]).as("North Korea only through its providers").isIn(4837, 22351);
        }
        assertThat(checked).isGreaterThan(100_000);
    }
}
