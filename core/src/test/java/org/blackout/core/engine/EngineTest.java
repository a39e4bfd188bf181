package org.blackout.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.core.engine.Elements.announce;
import static org.blackout.core.engine.Elements.rib;
import static org.blackout.core.engine.Elements.state;
import static org.blackout.core.engine.Elements.withdraw;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.entity.RirDelegations;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Upstream;
import org.blackout.core.signal.Watch;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

class EngineTest {
    static final long T0 = 1_000_000_200L; // a 5-minute bin boundary

    static EntityMaps kpMaps() throws Exception {
        String rir = """
                2|apnic|20141224|3|19850701|20141223|+1000
                apnic|*|ipv4|*|2|summary
                apnic|KP|asn|131279|1|20091221|allocated
                apnic|CN|asn|4837|1|20020101|allocated
                apnic|KP|ipv4|175.45.176.0|1024|20091221|allocated
                apnic|CN|ipv4|175.44.0.0|65536|20091221|allocated
                """;
        EntityMaps.Builder b = EntityMaps.builder();
        RirDelegations.read(new BufferedReader(new StringReader(rir)), b);
        return b.build();
    }

    static final class Collect implements EngineListener {
        final List<Signal> signals = new ArrayList<>();
        final List<FeedEvent> feed = new ArrayList<>();

        @Override public void signal(Signal s) { signals.add(s); }
        @Override public void feedEvent(FeedEvent e) { feed.add(e); }

        Signal last(String entity) {
            Signal r = null;
            for (Signal s : signals) if (s.entity().equals(entity)) r = s;
            return r;
        }
    }

    static Engine engine(Collect c, String... watch) throws Exception {
        return new Engine(EngineConfig.defaults(), kpMaps(), Watch.parse(List.of(watch)), c);
    }

    @Test
    void northKoreaVisibleThroughItsBorderAs() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "country:KP,as:131279,prefix:175.45.176.0/22");
        for (int i = 176; i < 180; i++) {
            e.accept("rrc00", announce(T0, "10.0.0.1", 3856, "175.45." + i + ".0/24", "3856 2914 1239 4837 131279"));
        }
        e.accept("rrc00", announce(T0, "10.0.0.1", 3856, "0.0.0.0/0", "3856 61417"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 3856, "175.44.0.0/16", "3856 5580 4837"));
        e.finish();
        Signal kp = c.last("country:KP");
        assertThat(kp.visibleSlash24()).isEqualTo(4.0);
        assertThat(kp.visiblePrefixes()).isEqualTo(4);
        assertThat(kp.peersSeeing()).isEqualTo(1);
        assertThat(kp.fullFeedPeers()).isEqualTo(1);
        assertThat(kp.announcements()).isEqualTo(4);
        assertThat(kp.upstreams()).containsExactly(new Upstream(4837, 1.0));
        Signal as = c.last("as:131279");
        assertThat(as.visibleSlash24()).isEqualTo(4.0);
        assertThat(as.upstreams()).containsExactly(new Upstream(4837, 1.0));
        Signal block = c.last("prefix:175.45.176.0/22");
        assertThat(block.visibleSlash24()).isEqualTo(4.0);
        assertThat(block.visiblePrefixes()).isEqualTo(4);
        assertThat(c.signals.get(0).time().getEpochSecond()).isEqualTo(1_000_000_200L / 300 * 300);
    }

    @Test
    void overlappingPrefixesCountOnceAndWithdrawalShows() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "as:131279");
        e.accept("rrc00", announce(T0, "10.0.0.1", 1, "175.45.176.0/22", "1 4837 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 1, "175.45.176.0/24", "1 4837 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.2", 2, "175.45.176.0/24", "2 9 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.2", 2, "175.45.177.0/24", "2 9 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.2", 2, "10.0.0.0/22", "2 9 9"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 1, "10.0.0.0/22", "1 9"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 1, "10.1.0.0/22", "1 9"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 1, "10.3.0.0/22", "1 9"));
        e.accept("rrc00", announce(T0, "10.0.0.2", 2, "10.2.0.0/22", "2 9"));
        // bin 1: peer 1 sees the /22 and .176/24; peer 2 .176/24 and .177/24. Both full-feed (5 and
        // 4 routes, 4 ≥ 0.8 × 5; still so after peer 1's withdrawal).
        // .176: 2 of 2; .177: 2 (peer 1 via /22, peer 2 direct); .178-.179: 1 of 2, not more than half.
        e.accept("rrc00", withdraw(T0 + 300, "10.0.0.1", 1, "175.45.176.0/22"));
        e.finish();
        assertThat(c.signals).hasSize(2);
        Signal first = c.signals.get(0), second = c.signals.get(1);
        assertThat(first.visibleSlash24()).isEqualTo(2.0);
        assertThat(first.visiblePrefixes()).isEqualTo(1);
        assertThat(first.peersSeeing()).isEqualTo(2);
        assertThat(first.announcements()).isEqualTo(4);
        assertThat(first.upstreams()).containsExactlyInAnyOrder(new Upstream(4837, 0.5), new Upstream(9, 0.5));
        // bin 2: peer 1 lost its /22; still .176 by both, .177 by peer 2 only
        assertThat(second.visibleSlash24()).isEqualTo(1.0);
        assertThat(second.withdrawals()).isEqualTo(1);
        assertThat(second.announcements()).isZero();
    }

    @Test
    void sessionDownIsAFeedEventNotAnOutage() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "as:131279");
        for (String peer : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
            e.accept("rrc00", announce(T0, peer, 7, "175.45.176.0/24", "7 4837 131279"));
            e.accept("rrc00", announce(T0, peer, 7, "175.45.177.0/24", "7 4837 131279"));
        }
        e.accept("rrc00", state(T0 + 300, "10.0.0.3", 7, 6, 1));
        e.finish();
        assertThat(c.feed).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FeedEvent.Kind.SESSION_DOWN);
            assertThat(f.routes()).isEqualTo(2);
            assertThat(f.peer().address().toString()).isEqualTo("10.0.0.3");
        });
        assertThat(c.signals).hasSize(2);
        assertThat(c.signals.get(0).fullFeedPeers()).isEqualTo(3);
        assertThat(c.signals.get(1).fullFeedPeers()).isEqualTo(2);
        assertThat(c.signals.get(1).visibleSlash24()).isEqualTo(2.0);
        assertThat(c.signals.get(1).withdrawals()).isZero();
    }

    @Test
    void silentPeerGoesStaleAndComesBack() throws Exception {
        Collect c = new Collect();
        Engine e = new Engine(EngineConfig.defaults().withHold(10 * EngineConfig.MINUTE), kpMaps(),
                Watch.parse(List.of("as:131279")), c);
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.2", 8, "175.45.176.0/24", "8 4837 131279"));
        for (long t = T0 + 60; t < T0 + 1800; t += 60) {
            e.accept("rrc00", announce(t, "10.0.0.2", 8, "175.45.176.0/24", "8 4837 131279"));
        }
        e.accept("rrc00", announce(T0 + 1800, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.finish();
        assertThat(c.feed).extracting(FeedEvent::kind).containsExactly(FeedEvent.Kind.STALE, FeedEvent.Kind.RESUMED);
        assertThat(c.signals).allSatisfy(s -> assertThat(s.visibleSlash24()).isEqualTo(1.0));
        assertThat(c.signals.stream().mapToInt(Signal::fullFeedPeers).min().getAsInt()).isEqualTo(1);
    }

    @Test
    void ribDumpResyncsWithoutChurn() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "as:131279");
        e.accept("rrc00", rib(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", rib(T0, "10.0.0.1", 7, "175.45.177.0/24", "7 4837 131279"));
        e.accept("rrc00", announce(T0 + 10, "10.0.0.1", 7, "175.45.178.0/24", "7 4837 131279"));
        // a second dump: .176 unchanged, .177 gone, .178 still there
        e.accept("rrc00", rib(T0 + 300, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", rib(T0 + 300, "10.0.0.1", 7, "175.45.178.0/24", "7 4837 131279"));
        e.finish();
        assertThat(c.signals).hasSize(2);
        assertThat(c.signals.get(0).visibleSlash24()).isEqualTo(3.0);
        assertThat(c.signals.get(0).announcements()).isEqualTo(1);
        assertThat(c.signals.get(1).visibleSlash24()).isEqualTo(2.0);
        assertThat(c.signals.get(1).announcements()).isZero();
        assertThat(c.signals.get(1).withdrawals()).isZero();
        assertThat(c.feed).extracting(FeedEvent::kind).containsExactly(FeedEvent.Kind.RESYNC);
        assertThat(e.originsOf(Prefix.parse("175.45.176.0/24"))).containsExactly(131279L);
    }

    @Test
    void emptyBinsAreFilledButLongGapsSkipped() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "as:131279");
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", announce(T0 + 900, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", announce(T0 + 3 * 86_400, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.finish();
        assertThat(c.signals).extracting(s -> s.time().getEpochSecond() - T0)
                .containsExactly(0L, 300L, 600L, 900L, 3 * 86_400L);
        assertThat(c.signals).extracting(Signal::announcements).containsExactly(1L, 0L, 0L, 1L, 1L);
    }

    @Test
    void addPathWithdrawingOnePathKeepsTheRoute() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "as:131279");
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279", 1));
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 9 131279", 2));
        e.accept("rrc00", withdraw(T0 + 300, "10.0.0.1", 7, "175.45.176.0/24", 1));
        e.accept("rrc00", withdraw(T0 + 600, "10.0.0.1", 7, "175.45.176.0/24", 2));
        e.accept("rrc00", announce(T0 + 900, "10.0.0.1", 7, "175.45.177.0/24", "7 9 131279", 5));
        e.finish();
        assertThat(c.signals).extracting(Signal::visibleSlash24).containsExactly(1.0, 1.0, 0.0, 1.0);
        assertThat(e.routing().rib(0).size()).isEqualTo(1);
    }

    @Test
    void allAsesAndAllCountriesListEveryEntitySorted() throws Exception {
        Collect c = new Collect();
        Engine e = engine(c, "all-ases,all-countries");
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 131279"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.44.0.0/16", "7 4837"));
        e.accept("rrc00", announce(T0, "10.0.0.1", 7, "175.45.176.0/24", "7 4837 {131279,4837}"));
        e.finish();
        assertThat(c.signals).extracting(Signal::entity)
                .containsExactly("country:CN", "country:KP", "as:4837", "as:131279");
        assertThat(c.last("country:CN").visibleSlash24()).isEqualTo(256.0);
        assertThat(c.last("as:4837").visibleSlash24()).isEqualTo(257.0);
    }

    @Test
    void aWithdrawalOfARouteAnnouncedBeforeTheDataStillCountsItsPeerAsACarrierThatWithdrew() throws Exception {
        Engine e = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("as:131279")), new Collect());
        String p = "175.45.176.0/24";
        e.accept("rv", announce(T0, "192.0.2.1", 64501, p, "64501 4837 131279"));
        // three peers whose announcements came before the first file: the data shows only their withdrawals
        e.accept("rv", withdraw(T0 + 60, "192.0.2.2", 64502, p));
        e.accept("rv", withdraw(T0 + 61, "192.0.2.3", 64503, p));
        e.advance((T0 + 301) * 1_000_000L); // peers count from the bin's end
        int id = e.routing().prefixes().find(Prefix.parse(p));
        assertThat(e.visibility().carriers(id)).isEqualTo(3);
        assertThat(e.visibility().status(id, (T0 + 301) * 1_000_000L)).isEqualTo(org.blackout.core.signal.PrefixVisibility.Status.VISIBLE);
        e.accept("rv", withdraw(T0 + 302, "192.0.2.4", 64504, p));
        e.accept("rv", withdraw(T0 + 303, "192.0.2.1", 64501, p));
        e.advance((T0 + 601) * 1_000_000L);
        assertThat(e.visibility().carriers(id)).isEqualTo(4);
        assertThat(e.visibility().withdrawnBy(id)).isEqualTo(4);
        assertThat(e.visibility().status(id, (T0 + 601) * 1_000_000L)).isEqualTo(org.blackout.core.signal.PrefixVisibility.Status.LOST);
    }
}
