package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventType;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.PeerRib;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.PrefixVisibility;
import org.blackout.core.signal.Watch;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/**
 * Outages on real update files without a RIB (route-views2, 23 February 2008, 00:00–06:00): a
 * large AS's partial outage injected into the real stream — 40% of its prefixes withdrawn by every
 * peer that carried them within ten minutes, back 75 minutes later, while the real churn goes on —
 * is raised within ten minutes with its extent in prefixes and lowered within fifteen of its end;
 * the biggest peer's session going down raises nothing.
 */
class RealDaysOutageTest {
    static final long T0 = RealDays.micros("2008-02-23T03:00:00Z");
    static final long BACK = T0 + Duration.ofMinutes(75).toNanos() / 1000;

    record Run(List<Event> events, Engine engine, long victim, int injected, PeerKey droppedPeer) {}

    /** Withdraws 40% of the AS with the most prefixes carried by ≥ 3 peers at T0, by all of them. */
    static final class PartialOutage extends RealDays.Injector {
        final boolean dropPeer;
        long victim = -1;
        int injected;
        PeerKey dropped;

        PartialOutage(boolean dropPeer) {
            this.dropPeer = dropPeer;
        }

        @Override
        void at(long t, Engine engine) {
            if (victim >= 0 || t < T0) return;
            RoutingState r = engine.routing();
            Long2ObjectOpenHashMap<List<Integer>> byOrigin = new Long2ObjectOpenHashMap<>();
            for (int p = 0; p < r.prefixes().size(); p++) {
                if (r.prefixes().isV6(p) || r.prefixes().length(p) < 8) continue;
                int seen = 0;
                long origin = -1;
                for (int peer = 0; peer < r.peerCount(); peer++) {
                    int path = r.rib(peer).get(p);
                    if (path == PeerRib.NONE) continue;
                    seen++;
                    if (r.paths().originCount(path) == 1) origin = r.paths().origin(path, 0);
                }
                if (seen >= 3 && origin > 0) byOrigin.computeIfAbsent(origin, k -> new ArrayList<>()).add(p);
            }
            victim = byOrigin.long2ObjectEntrySet().stream()
                    .max((a, b) -> a.getValue().size() != b.getValue().size()
                            ? Integer.compare(a.getValue().size(), b.getValue().size()) : Long.compare(b.getLongKey(), a.getLongKey()))
                    .orElseThrow().getLongKey();
            List<Integer> prefixes = byOrigin.get(victim);
            injected = prefixes.size() * 2 / 5;
            for (int i = 0; i < injected; i++) {
                int p = prefixes.get(i);
                Prefix prefix = r.prefixes().prefix(p);
                for (int peer = 0; peer < r.peerCount(); peer++) {
                    int path = r.rib(peer).get(p);
                    if (path == PeerRib.NONE) continue;
                    PeerKey k = r.peerKey(peer);
                    // withdrawn within ten minutes, each peer at its own time; back 75 minutes later on the same path
                    long off = (i * 7919L + peer * 104729L) % 600_000_000L;
                    add(RealDays.withdraw(T0 + off, k.address(), k.asn(), prefix));
                    add(RealDays.announce(BACK + off, k.address(), k.asn(), prefix, r.paths().hops(path)));
                }
            }
            if (dropPeer) {
                int biggest = 0;
                for (int peer = 1; peer < r.peerCount(); peer++) if (r.rib(peer).size() > r.rib(biggest).size()) biggest = peer;
                dropped = r.peerKey(biggest);
                add(RealDays.state(T0 - 3_600_000_000L + 1, dropped.address(), dropped.asn(), 6, 1));
            }
        }
    }

    private static final java.util.Map<String, Run> RUNS = new java.util.HashMap<>();

    /** Each replay once per test class: the tests read the same runs. */
    static synchronized Run run(boolean inject, boolean dropPeer) throws IOException {
        String key = inject + "/" + dropPeer;
        Run r = RUNS.get(key);
        if (r == null) RUNS.put(key, r = replay(inject, dropPeer));
        return r;
    }

    static Run replay(boolean inject, boolean dropPeer) throws IOException {
        List<Path> files = RealDays.files("20080223", 0, 6);
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Watch watch = new Watch(List.of(), false, true);
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), List.of(), log);
        Engine engine = new Engine(ec, EntityMaps.empty(), watch, d);
        PartialOutage injector = new PartialOutage(dropPeer);
        RealDays.replay(files, engine, inject ? injector : new RealDays.Injector());
        d.finish();
        return new Run(log.events(), engine, injector.victim, injector.injected, injector.dropped);
    }

    @Test
    void aLargeNetworksPartialOutageSeenWithoutARibIsRaisedWithItsExtentInPrefixes() throws IOException {
        Run run = run(true, false);
        assertThat(run.victim).as("an AS to withdraw").isPositive();
        assertThat(run.injected).as("prefixes withdrawn").isGreaterThanOrEqualTo(25);
        List<Event> outages = run.events.stream()
                .filter(e -> e.type() == EventType.OUTAGE && e.entity().equals("as:" + run.victim)).toList();
        assertThat(outages).as("outages of AS%d", run.victim).hasSize(1);
        Event o = outages.get(0);
        Instant start = Instant.ofEpochSecond(T0 / 1_000_000L);
        Instant end = Instant.ofEpochSecond(BACK / 1_000_000L).plusSeconds(600);
        assertThat(Duration.between(start, o.firstEvidence())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
        assertThat(Duration.between(start, o.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
        assertThat(o.lowered()).isNotNull();
        assertThat(Duration.between(end, o.lowered())).isBetween(Duration.ofMinutes(-10), Duration.ofMinutes(15));
        // the extent counts prefixes (real churn may re-announce a few of them meanwhile)
        assertThat(o.extent().prefixes()).isBetween((int) (run.injected * 0.8), run.injected);
        assertThat(o.extent().knownPrefixes()).isGreaterThan(o.extent().prefixes());
        assertThat(o.extent().peersAgreeing()).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(o.extent().peersCarrying());
        assertThat(o.extent().lost()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        assertThat(o.details()).containsEntry("basis", "updates");
        assertThat(o.summary()).contains("prefixes", "of AS" + run.victim, "withdrawn by", "restored after");
    }

    @Test
    void aPrefixWithdrawnByEveryPeerThatCarriedItIsLostWhateverTheirTableSize() throws IOException {
        Run run = run(true, false);
        Engine e = run.engine;
        PrefixVisibility v = e.visibility();
        // after the data: every prefix that ≥ 3 peers carried and none routes now is lost (or retired), never visible
        RoutingState r = e.routing();
        long end = RealDays.micros("2008-02-23T06:00:00Z");
        int checked = 0;
        for (int p = 0; p < r.prefixes().size(); p++) {
            int carriers = v.carriers(p);
            if (carriers < 3) continue;
            int routed = 0;
            for (int peer = 0; peer < r.peerCount(); peer++) if (r.rib(peer).get(p) != PeerRib.NONE) routed++;
            if (routed > 0) continue;
            checked++;
            assertThat(v.status(p, end)).isIn(PrefixVisibility.Status.LOST, PrefixVisibility.Status.RETIRED);
        }
        assertThat(checked).as("prefixes withdrawn by all their carriers in six real hours").isGreaterThan(10);
        assertThat(e.visibility().basis()).isEqualTo("updates");
    }

    @Test
    void theBiggestPeersSessionLossRaisesNoOutage() throws IOException {
        Run quiet = run(false, false);
        Run dropped = run(true, true);
        assertThat(dropped.droppedPeer).isNotNull();
        Set<String> before = quiet.events.stream().filter(e -> e.type() == EventType.OUTAGE).map(Event::id).collect(Collectors.toSet());
        // a session's routes leave with it: nothing may be raised on them. (Losing a peer changes which
        // peers carry what, so a real loss later on may be judged a little differently: those are
        // withdrawals by other peers, not the session's.)
        Instant drop = Instant.ofEpochSecond((T0 - 3_600_000_000L) / 1_000_000L);
        List<Event> added = dropped.events.stream()
                .filter(e -> e.type() == EventType.OUTAGE && !e.entity().equals("as:" + dropped.victim) && !before.contains(e.id()))
                .toList();
        assertThat(added).as("outages that the dropped session %s made", dropped.droppedPeer)
                .noneMatch(e -> !e.firstEvidence().isBefore(drop) && e.firstEvidence().isBefore(drop.plusSeconds(600)))
                .allSatisfy(e -> assertThat(e.extent().peersAgreeing()).isGreaterThanOrEqualTo(3));
        assertThat(dropped.events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.FEED));
    }
}
