package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventSink.Phase;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.blackout.core.signal.Watch;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;

/**
 * The live early raise on a simulated live feed (25 peers): a loss of every prefix of an AS by every
 * peer is raised at the withdrawal that completes it, before its bin closes, then confirmed or
 * retracted by the bins; without it (replay) nothing is raised before the bin closes.
 */
class EarlyOutageTest {
    static final int H = 3600;

    /** One event snapshot and the end (seconds after T0) of the last bin closed, or being closed, when it came. */
    record Seen(Phase phase, Event event, long lastBinEnd) {}

    static List<Seen> run(World w, boolean early) {
        List<RouteElement> sorted = new ArrayList<>(w.elements);
        sorted.sort(Comparator.comparingLong(RouteElement::timeMicros));
        EngineConfig ec = EngineConfig.defaults();
        Watch watch = Watch.parse(List.of("as:65001"));
        long[] lastEnd = {Long.MIN_VALUE};
        List<Seen> seen = new ArrayList<>();
        EventSink sink = new EventSink() {
            @Override
            public void raised(Event e) {
                seen.add(new Seen(Phase.RAISED, e, lastEnd[0]));
            }

            @Override
            public void updated(Event e) {
                seen.add(new Seen(Phase.UPDATED, e, lastEnd[0]));
            }

            @Override
            public void lowered(Event e) {
                seen.add(new Seen(Phase.LOWERED, e, lastEnd[0]));
            }
        };
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), watch.entities(), sink).earlyRaise(early);
        EngineListener clock = new EngineListener() {
            @Override
            public void binClosed(long start, long end, RoutingView view) {
                lastEnd[0] = end / 1_000_000L - World.T0;
            }
        };
        Engine engine = new Engine(ec, EntityMaps.empty(), watch, EngineListener.all(List.of(clock, d)));
        for (RouteElement e : sorted) engine.accept("live", e);
        engine.finish();
        return seen.stream().filter(s -> s.event().type() == EventType.OUTAGE).toList();
    }

    static Instant at(long seconds) {
        return Instant.ofEpochSecond(World.T0 + seconds);
    }

    /** Every peer withdraws both of AS65001's prefixes at 5 h + 60 s .. 5 h + 84 s, mid-bin (bins of 5 min). */
    static World totalLoss(long backAt) {
        World w = new World(25, 8 * H);
        for (int p = 0; p < 25; p++) {
            w.withdraw(5 * H + 60 + p, p, "10.1.0.0/16").withdraw(5 * H + 60 + p, p, "10.2.0.0/24");
            w.announce(backAt + p, p, "10.1.0.0/16", World.TARGET_PATH).announce(backAt + p, p, "10.2.0.0/24", World.TARGET_PATH);
        }
        return w;
    }

    @Test
    void aTotalLossIsRaisedAtItsLastWithdrawalBeforeTheBinClosesThenConfirmedByTheBins() {
        List<Seen> seen = run(totalLoss(7 * H), true);
        Seen first = seen.get(0);
        assertThat(first.phase()).isEqualTo(Phase.RAISED);
        assertThat(first.event().raised()).as("at the last peer's withdrawal").isEqualTo(at(5 * H + 84));
        assertThat(first.lastBinEnd()).as("the bin holding the withdrawals has not closed").isEqualTo(5 * H);
        assertThat(first.event().pattern()).contains(Hint.PROVISIONAL);
        assertThat(first.event().extent().prefixes()).isEqualTo(2);
        assertThat(first.event().extent().peersAgreeing()).isEqualTo(25);
        assertThat(first.event().summary()).startsWith("provisional: all 2 prefixes of AS65001");

        Seen confirmed = seen.get(1);
        assertThat(confirmed.phase()).as("the bins confirm it: an update, not a second raise").isEqualTo(Phase.UPDATED);
        assertThat(confirmed.event().id()).isEqualTo(first.event().id());
        assertThat(confirmed.event().raised()).isEqualTo(first.event().raised());
        assertThat(confirmed.event().pattern()).doesNotContain(Hint.PROVISIONAL, Hint.RETRACTED);
        assertThat(seen).filteredOn(s -> s.phase() == Phase.RAISED).hasSize(1);
        Seen lowered = seen.stream().filter(s -> s.phase() == Phase.LOWERED).findFirst().orElseThrow();
        assertThat(lowered.event().id()).isEqualTo(first.event().id());
        assertThat(lowered.event().lowered()).isBetween(at(7 * H), at(7 * H + 60));
        assertThat(lowered.event().pattern()).doesNotContain(Hint.RETRACTED);
    }

    @Test
    void routesBackBeforeTheBinClosesRetractTheProvisionalOutage() {
        List<Seen> seen = run(totalLoss(5 * H + 150), true);
        assertThat(seen).extracting(Seen::phase).containsExactly(Phase.RAISED, Phase.LOWERED);
        Event retracted = seen.get(1).event();
        assertThat(retracted.id()).isEqualTo(seen.get(0).event().id());
        assertThat(retracted.pattern()).contains(Hint.RETRACTED).doesNotContain(Hint.PROVISIONAL);
        assertThat(retracted.summary()).startsWith("retracted:");
        assertThat(seen.get(1).lastBinEnd()).as("at the first bin close").isEqualTo(5 * H + 300);
    }

    @Test
    void aLossByMostPeersOnlyIsLeftToTheBins() {
        World w = new World(25, 8 * H);
        for (int p = 0; p < 24; p++) w.withdraw(5 * H + 60 + p, p, "10.1.0.0/16").withdraw(5 * H + 60 + p, p, "10.2.0.0/24");
        List<Seen> seen = run(w, true);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).event().pattern()).doesNotContain(Hint.PROVISIONAL);
        assertThat(seen.get(0).event().raised()).isEqualTo(at(5 * H + 300));
    }

    @Test
    void withoutTheEarlyRaiseTheSameLossWaitsForItsBin() {
        List<Seen> seen = run(totalLoss(7 * H), false);
        assertThat(seen.get(0).phase()).isEqualTo(Phase.RAISED);
        assertThat(seen.get(0).event().raised()).isEqualTo(at(5 * H + 300));
        assertThat(seen.get(0).lastBinEnd()).isEqualTo(5 * H + 300);
        assertThat(seen).allSatisfy(s -> assertThat(s.event().pattern()).doesNotContain(Hint.PROVISIONAL, Hint.RETRACTED));
    }
}
