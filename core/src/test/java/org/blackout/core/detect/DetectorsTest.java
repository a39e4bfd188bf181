package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventText;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.junit.jupiter.api.Test;

/** Detectors on a synthetic collector with 25 full-feed peers: what must fire, and what must not. */
class DetectorsTest {
    static final DetectorConfig CONFIG = DetectorConfig.defaults();
    static final int H = 3600;

    static Instant at(long seconds) {
        return Instant.ofEpochSecond(World.T0 + seconds);
    }

    static List<Event> of(List<Event> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void totalWithdrawalIsAnOutageRaisedWithinABinAndRestoredWithItsDuration() {
        World w = new World(25, 10 * H);
        for (int p = 0; p < 25; p++) {
            w.withdraw(5 * H + p, p, "10.1.0.0/16").withdraw(5 * H + p, p, "10.2.0.0/24");
            w.announce(8 * H + 30 + p, p, "10.1.0.0/16", World.TARGET_PATH).announce(8 * H + 30 + p, p, "10.2.0.0/24", World.TARGET_PATH);
        }
        List<Event> outages = of(w.run(CONFIG, "as:65001"), EventType.OUTAGE);
        assertThat(outages).hasSize(1);
        Event o = outages.get(0);
        assertThat(o.entity()).isEqualTo("as:65001");
        assertThat(o.firstEvidence()).isEqualTo(at(5 * H));
        assertThat(o.raised()).isAfter(o.firstEvidence()).isBeforeOrEqualTo(at(5 * H + 300));
        assertThat(o.lowered()).isBetween(at(8 * H + 30), at(8 * H + 60));
        assertThat(EventText.restored(o)).isEqualTo("restored after 3 h 0 min");
        assertThat(o.depth()).isEqualTo(1.0);
        assertThat(o.severity()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(o.extent().peersAgreeing()).isEqualTo(25);
        assertThat(o.extent().prefixes()).isEqualTo(2);
        assertThat(o.extent().slash24()).isEqualTo(257.0);
        assertThat(o.upstreams().before()).containsExactly(65010L);
        assertThat(o.upstreams().during()).isEmpty();
        assertThat(o.pattern()).contains(Hint.ALL_AT_ONCE, Hint.SINGLE_UPSTREAM).doesNotContain(Hint.PARTIAL);
        assertThat(o.evidence()).isNotEmpty().allSatisfy(ev -> assertThat(ev.kind()).isEqualTo("W"));
    }

    @Test
    void gradualPartialLossIsRaisedAfterConfirmationWithItsExtent() {
        World w = new World(25, 10 * H);
        // the /16 (256 of 257 /24s) goes from 20 of 25 peers over 20 minutes; the /24 stays
        for (int p = 0; p < 20; p++) w.withdraw(5 * H + p * 60, p, "10.1.0.0/16");
        for (int p = 0; p < 20; p++) w.announce(7 * H + p, p, "10.1.0.0/16", World.TARGET_PATH);
        Event o = of(w.run(CONFIG, "as:65001"), EventType.OUTAGE).get(0);
        assertThat(o.pattern()).contains(Hint.PARTIAL, Hint.GRADUAL);
        assertThat(o.firstEvidence()).as("the first withdrawal of the run").isEqualTo(at(5 * H));
        assertThat(o.extent().prefixes()).isEqualTo(1);
        assertThat(o.extent().slash24()).isEqualTo(256.0);
        assertThat(o.extent().peersAgreeing()).isGreaterThanOrEqualTo(CONFIG.minAgreeingPeers());
        assertThat(o.raised()).isAfterOrEqualTo(o.firstEvidence().plusSeconds(10 * 60));
        assertThat(o.lowered()).isBetween(at(7 * H), at(7 * H + 60));
    }

    @Test
    void aFlapOfOneBinIsNotAnOutage() {
        World w = new World(25, 8 * H);
        for (int p = 0; p < 18; p++) {
            w.withdraw(4 * H + 10 + p, p, "10.1.0.0/16");
            w.announce(4 * H + 190 + p, p, "10.1.0.0/16", World.TARGET_PATH);
        }
        assertThat(of(w.run(CONFIG, "as:65001"), EventType.OUTAGE)).isEmpty();
    }

    @Test
    void peerSessionsDownAreFeedEventsAndNeverAnOutage() {
        World w = new World(25, 8 * H);
        // ten of 25 collector sessions drop (their routes with them) and come back half an hour later
        for (int p = 0; p < 10; p++) {
            w.state(3 * H + p, p, 6, 1);
            w.state(3 * H + 1800 + p, p, 1, 6);
            w.table(3 * H + 1801 + p, p);
        }
        List<Event> events = w.run(CONFIG, "as:65001,as:65002,as:65003,prefix:10.0.0.0/8");
        List<Event> feed = of(events, EventType.FEED);
        assertThat(feed).hasSize(10).allSatisfy(e -> {
            assertThat(e.entity()).startsWith("peer:test|192.0.2.");
            assertThat(e.details()).containsEntry("kind", "session_down");
            assertThat(e.lowered()).isNotNull();
            assertThat(e.duration().toMinutes()).isEqualTo(30);
        });
        assertThat(events).filteredOn(e -> e.type() == EventType.OUTAGE || e.type() == EventType.HIJACK
                || e.type() == EventType.INSTABILITY).extracting(org.blackout.core.event.EventJson::json).isEmpty();
    }

    @Test
    void aMoreSpecificFromAnotherOriginSeenByEnoughPeersIsAHijack() {
        World w = new World(25, 6 * H);
        for (int p = 0; p < 6; p++) {
            w.announce(3 * H + p, p, "10.1.7.0/24", "666 65666");
            w.withdraw(4 * H + p, p, "10.1.7.0/24");
        }
        // another origin for the /24, but seen by two peers only: below the minimum
        for (int p = 10; p < 12; p++) w.announce(3 * H + 600 + p, p, "10.2.0.0/24", "777 65777");
        List<Event> hijacks = of(w.run(CONFIG, "as:65001"), EventType.HIJACK);
        assertThat(hijacks).hasSize(1);
        Event h = hijacks.get(0);
        assertThat(h.entity()).isEqualTo("as:65001");
        assertThat(h.details()).containsEntry("prefix", "10.1.7.0/24").containsEntry("origin", "65666")
                .containsEntry("expected_origins", "65001").containsEntry("kind", "more_specific");
        assertThat(h.pattern()).contains(Hint.MORE_SPECIFIC);
        assertThat(h.firstEvidence()).isEqualTo(at(3 * H));
        assertThat(h.raised()).isBeforeOrEqualTo(at(3 * H + 300));
        assertThat(h.extent().peersAgreeing()).isGreaterThanOrEqualTo(CONFIG.hijackMinPeers());
        assertThat(h.lowered()).isBetween(at(4 * H), at(4 * H + 300));
        assertThat(h.evidence()).first().satisfies(ev -> assertThat(ev.asPath()).endsWith("666 65666"));
    }

    @Test
    void aWatchedPrefixAnnouncedByANewOriginIsAMoasHijack() {
        World w = new World(25, 6 * H);
        for (int p = 0; p < 25; p++) w.announce(3 * H + p, p, "10.8.0.0/16", "666 65666");
        List<Event> hijacks = of(w.run(CONFIG, "prefix:10.8.0.0/16"), EventType.HIJACK);
        assertThat(hijacks).singleElement().satisfies(h -> {
            assertThat(h.entity()).isEqualTo("prefix:10.8.0.0/16");
            assertThat(h.pattern()).contains(Hint.MOAS);
            assertThat(h.details()).containsEntry("origin", "65666").containsEntry("expected_origins", "65003");
            assertThat(h.open()).isTrue();
        });
    }

    @Test
    void churnFarAboveTheBaselineIsInstabilityAndPrecedesTheOutage() {
        World w = new World(25, 12 * H);
        // from 3 h to 6 h, the /24 flaps at half the peers every 15 minutes; at 7 h everything goes
        for (long t = 3 * H; t < 6 * H; t += 900) {
            for (int p = 0; p < 12; p++) {
                w.withdraw(t + p, p, "10.2.0.0/24");
                w.announce(t + 120 + p, p, "10.2.0.0/24", World.TARGET_PATH);
            }
        }
        for (int p = 0; p < 25; p++) {
            w.withdraw(7 * H + p, p, "10.1.0.0/16").withdraw(7 * H + p, p, "10.2.0.0/24");
        }
        // a gentle flap (one unstable bin in three): the mechanism, with thresholds below the real-data defaults
        List<Event> events = w.run(CONFIG.withInstability(20, 3), "as:65001");
        Event inst = of(events, EventType.INSTABILITY).get(0);
        assertThat(inst.firstEvidence()).isEqualTo(at(3 * H));
        assertThat(inst.lowered()).isBetween(at(5 * H + 2700), at(6 * H));
        Event outage = of(events, EventType.OUTAGE).get(0);
        assertThat(outage.pattern()).contains(Hint.PRECEDED_BY_INSTABILITY);
        assertThat(outage.open()).isTrue();
        assertThat(outage.durationS()).isBetween(4L * H + 2700, 5L * H);
    }

    @Test
    void nothingFiresDuringTheWarmUp() {
        World w = new World(25, 3 * H);
        // the warm-up is 15 minutes (hijacks: 30 minutes of data before any origin is established)
        for (int p = 0; p < 25; p++) w.withdraw(500 + p, p, "10.1.0.0/16").withdraw(500 + p, p, "10.2.0.0/24");
        for (int p = 0; p < 25; p++) w.announce(600 + p, p, "10.1.7.0/24", "666 65666");
        List<Event> events = w.run(CONFIG, "as:65001");
        assertThat(events).noneMatch(e -> e.type() == EventType.OUTAGE || e.type() == EventType.HIJACK);
    }

    @Test
    void aLossByEveryPeerThatCarriedItIsAnOutageHoweverFewTheyAre() {
        World w = new World(5, 10 * H);
        for (int p = 0; p < 5; p++) w.withdraw(5 * H + p, p, "10.1.0.0/16").withdraw(5 * H + p, p, "10.2.0.0/24");
        assertThat(of(w.run(CONFIG, "as:65001"), EventType.OUTAGE)).singleElement().satisfies(o -> {
            assertThat(o.extent().peersAgreeing()).isEqualTo(5);
            assertThat(o.extent().peersCarrying()).isEqualTo(5);
            assertThat(o.extent().prefixes()).isEqualTo(2);
            assertThat(o.firstEvidence()).isEqualTo(at(5 * H));
        });
        // a floor above the peers there are: all of them suffice
        assertThat(of(w.run(CONFIG.withMinAgreeingPeers(20), "as:65001"), EventType.OUTAGE)).hasSize(1);
    }

    @Test
    void onePeerAloneNeverRaisesAnOutage() {
        World w = new World(5, 10 * H);
        w.withdraw(5 * H, 0, "10.1.0.0/16").withdraw(5 * H, 0, "10.2.0.0/24");
        assertThat(of(w.run(CONFIG, "as:65001"), EventType.OUTAGE)).isEmpty();
        // two of five: not a majority of the carriers
        w.withdraw(5 * H + 1, 1, "10.1.0.0/16").withdraw(5 * H + 1, 1, "10.2.0.0/24");
        assertThat(of(w.run(CONFIG, "as:65001"), EventType.OUTAGE)).isEmpty();
        w.withdraw(5 * H + 2, 2, "10.1.0.0/16").withdraw(5 * H + 2, 2, "10.2.0.0/24");
        assertThat(of(w.run(CONFIG, "as:65001"), EventType.OUTAGE)).hasSize(1);
    }

    @Test
    void theSameInputGivesTheSameEvents() {
        World w = new World(25, 10 * H);
        for (int p = 0; p < 25; p++) w.withdraw(5 * H + p, p, "10.1.0.0/16");
        for (int p = 0; p < 6; p++) w.announce(6 * H + p, p, "10.2.0.128/25", "666 65666");
        List<Event> a = w.run(CONFIG, "as:65001");
        assertThat(a).extracting(Event::type).contains(EventType.OUTAGE, EventType.HIJACK);
        assertThat(w.run(CONFIG, "as:65001")).isEqualTo(a);
    }
}
