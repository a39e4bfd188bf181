package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** The churn generator is deterministic for a seed, keeps to its rates and keeps the tables steady. */
class ChurnSimulatorTest {
    static final int PEERS = 4, PREFIXES = 4_000, ORIGINS = 300;

    /** Four full-feed peers, one path per peer and origin, as the full-table builder makes them. */
    static Baseline baseline() {
        Prefix[] prefixes = new Prefix[PREFIXES];
        for (int i = 0; i < PREFIXES; i++) prefixes[i] = Prefix.parse((10 + (i >> 14)) + "." + ((i >> 6) & 255) + "." + ((i & 63) << 2) + ".0/22");
        PathPool pool = new PathPool();
        List<SimPeer> peers = new ArrayList<>();
        int[][] routes = new int[PEERS][PREFIXES];
        for (int p = 0; p < PEERS; p++) {
            int[] byOrigin = new int[ORIGINS];
            for (int o = 0; o < ORIGINS; o++) byOrigin[o] = pool.addDistinct(new SimPath(new int[] {64_500 + p, 3356 + p % 2, 1299 + o % 7, 200_000 + o}, 0));
            for (int i = 0; i < PREFIXES; i++) routes[p][i] = i % 50 == 49 ? -1 : byOrigin[i % ORIGINS];
            IpAddress a = SimPeer.syntheticAddress(p);
            peers.add(new SimPeer(p, 64_500 + p, a, a.v4Address()));
        }
        return new Baseline(prefixes, peers, routes, pool, "test");
    }

    static String digest(long seed, int days) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ChurnSimulator sim = new ChurnSimulator(baseline(), ChurnRates.ROUTEVIEWS_2008, seed);
        long[] last = {Long.MIN_VALUE};
        sim.rib(1_200_000_000L, (c, e) -> {
            md.update(line(e));
            last[0] = e.timeMicros();
        });
        for (int d = 0; d < days; d++) {
            sim.day((c, e) -> {
                md.update(line(e));
                assertThat(e.timeMicros()).isGreaterThanOrEqualTo(last[0] - 999_999); // in time order, to the second
                last[0] = Math.max(last[0], e.timeMicros());
            });
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static byte[] line(RouteElement e) {
        String path = e.attributes() == null ? "" : e.attributes().asPath().toString();
        return (e.timeMicros() + "|" + e.type() + "|" + e.peerAs() + "|" + e.prefix() + "|" + path + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameSeedGivesTheSameElements() throws Exception {
        String a = digest(7, 1);
        assertThat(digest(7, 1)).isEqualTo(a);
        assertThat(digest(8, 1)).isNotEqualTo(a);
    }

    @Test
    void daysKeepToTheMeasuredRatesAndTheTablesStaySteady() {
        ChurnRates rv = ChurnRates.ROUTEVIEWS_2008;
        // as many prefixes come as go (the real days' 500 and 278 are for a 250 k-prefix table)
        ChurnRates r = new ChurnRates(rv.announcementsPerSecond(), rv.withdrawalsPerSecond(), rv.newPathShare(), rv.samePathShare(),
                rv.flapShare(), rv.flapMedianSeconds(), rv.flapP90Seconds(), 20, 20);
        Baseline base = baseline();
        ChurnSimulator sim = new ChurnSimulator(base, r, 1);
        RoutingState state = new RoutingState();
        long[] byType = new long[ElementType.values().length];
        org.blackout.wire.element.ElementSink sink = (c, e) -> {
            byType[e.type().ordinal()]++;
            int peer = state.peer(new PeerKey(c, e.peerAddress(), e.peerAs()));
            switch (e.type()) {
                case RIB, ANNOUNCE -> state.announce(peer, e.prefix(),
                        state.paths().intern(e.attributes().asPath().sequence(), e.attributes().asPath().origins()));
                case WITHDRAW -> state.withdraw(peer, e.prefix());
                default -> { }
            }
        };
        sim.rib(1_200_000_000L, sink);
        long ribRoutes = state.routeCount();
        assertThat(ribRoutes).isEqualTo(base.routeCount());
        int[] livePaths = new int[3];
        long[] routes = new long[3];
        double[] newShare = new double[3];
        for (int d = 0; d < 3; d++) {
            long a0 = sim.counts().announcements, n0 = sim.counts().newPaths;
            sim.day(sink);
            newShare[d] = (double) (sim.counts().newPaths - n0) / (sim.counts().announcements - a0);
            state.collectPaths();
            livePaths[d] = state.paths().size();
            routes[d] = state.routeCount();
        }
        ChurnSimulator.Counts n = sim.counts();
        double seconds = 3 * 86_400.0 * PEERS;
        assertThat(n.announcements / seconds).isCloseTo(r.announcementsPerSecond(), org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(n.withdrawals / seconds).isCloseTo(r.withdrawalsPerSecond(), org.assertj.core.data.Percentage.withPercentage(5));
        // day by day at least the measured share of never-seen paths; at it once the backups were used
        assertThat(newShare[0]).isGreaterThanOrEqualTo(r.newPathShare() - 0.001);
        assertThat(newShare[1]).isCloseTo(r.newPathShare(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(newShare[2]).isCloseTo(r.newPathShare(), org.assertj.core.data.Offset.offset(0.005));
        assertThat((double) n.samePath / n.announcements).isCloseTo(r.samePathShare(), org.assertj.core.data.Offset.offset(0.03));
        assertThat(byType[ElementType.ANNOUNCE.ordinal()]).isEqualTo(n.announcements);
        assertThat(n.prefixesNew).isEqualTo(60);
        assertThat(n.prefixesGone).isEqualTo(60);
        // routes come and go, some for up to a day (withdrawals that are no flaps): from the second day
        // on the tables stay about their size, and so do the paths in use
        assertThat((double) routes[0] / ribRoutes).isBetween(0.5, 1.0); // 4,000 prefixes: each route goes five times a day
        assertThat((double) routes[2] / routes[1]).isBetween(0.97, 1.03);
        assertThat((double) livePaths[2] / livePaths[1]).isBetween(0.95, 1.05);
    }
}
