package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.blackout.core.policy.AsRelationships;
import org.blackout.core.policy.MonitoredPrefix;
import org.blackout.core.policy.OperatorPrefixes;
import org.blackout.core.policy.Policies;
import org.blackout.core.policy.Relation;
import org.blackout.core.policy.Roa;
import org.blackout.core.policy.RoaSet;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Watch;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/**
 * Hijacks and leaks injected into six real hours of route-views2 updates (23 February 2008, no
 * RIB, 45 peers): the victim is Oregon State University, AS4201, whose 128.193.0.0/16 the real
 * data carries from the first hours. The hijacker is AS17557 (Pakistan Telecom, the 2008 YouTube
 * hijacker), reaching the peers through AS3491 as it did then.
 */
class RealDaysHijackTest {
    static final long VICTIM = 4201, HIJACKER = 17557, TRANSIT = 3491;
    static final Prefix COVER = Prefix.parse("128.193.0.0/16");
    static final Prefix MORE_SPECIFIC = Prefix.parse("128.193.5.0/24");
    static final Prefix DEFENCE = Prefix.parse("128.193.6.0/24");
    static final long START = RealDays.micros("2008-02-23T04:00:30Z");
    static final long END = RealDays.micros("2008-02-23T05:00:00Z");
    static final long LEAK_START = RealDays.micros("2008-02-23T04:10:00Z");
    static final long LEAK_END = RealDays.micros("2008-02-23T04:40:00Z");

    /** Announces {@code p} from the first {@code n} peers at {@code from}, withdraws it at {@code to}. */
    static final class Announce extends RealDays.Injector {
        final List<Object[]> plans;
        boolean planned;

        Announce(List<Object[]> plans) {
            this.plans = plans;
        }

        @Override
        void at(long t, Engine engine) {
            if (planned || t < START - 60_000_000L) return;
            planned = true;
            for (Object[] plan : plans) {
                Prefix p = (Prefix) plan[0];
                int n = (Integer) plan[1];
                long from = (Long) plan[2], to = (Long) plan[3];
                long[] tail = (long[]) plan[4];
                for (int peer = 0, used = 0; peer < engine.routing().peerCount() && used < n; peer++) {
                    if (engine.routing().rib(peer).size() < 1000) continue;
                    PeerKey k = engine.routing().peerKey(peer);
                    long[] path = new long[tail.length + 1];
                    path[0] = k.asn();
                    System.arraycopy(tail, 0, path, 1, tail.length);
                    add(RealDays.announce(from + used * 1_000_000L, k.address(), k.asn(), p, path));
                    add(RealDays.withdraw(to + used * 1_000_000L, k.address(), k.asn(), p));
                    used++;
                }
            }
        }
    }

    static Object[] plan(Prefix p, int peers, long from, long to, long... tail) {
        return new Object[] {p, peers, from, to, tail};
    }

    static List<Event> run(List<Entity> watched, Policies policy, List<Object[]> plans) throws IOException {
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), watched, false, policy, log);
        Engine engine = new Engine(ec, EntityMaps.empty(), new Watch(watched, false, false), d);
        RealDays.replay(RealDays.files("20080223", 0, 6), engine, new Announce(plans));
        d.finish();
        return log.events();
    }

    static Instant at(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000L);
    }

    @Test
    void aMoreSpecificFromAnotherOriginSeenByFivePeersIsRaisedAgainstTheOperatorsListAndTheVictimsOwnIsNot() throws IOException {
        OperatorPrefixes list = OperatorPrefixes.of(
                List.of(new MonitoredPrefix(COVER, "Oregon State", List.of(VICTIM), false, false, List.of("osu"))), List.of());
        Policies policy = new Policies(list, RoaSet.of(List.of(new Roa(COVER, 16, VICTIM))), null);
        List<Event> events = run(List.of(new Entity.As(VICTIM)), policy, List.of(
                plan(MORE_SPECIFIC, 5, START, END, TRANSIT, HIJACKER),
                // the victim answers with its own more-specific, through another provider
                plan(DEFENCE, 30, START + 600_000_000L, END, 3701, VICTIM),
                plan(COVER, 4, START, END, TRANSIT, 64999)));
        List<Event> hijacks = events.stream().filter(e -> e.type() == EventType.HIJACK).toList();
        assertThat(hijacks).extracting(e -> e.details().get("prefix") + " " + e.details().get("origin"))
                .containsExactlyInAnyOrder(MORE_SPECIFIC + " " + HIJACKER, COVER + " 64999");
        Event sub = hijacks.stream().filter(e -> e.details().get("prefix").equals(MORE_SPECIFIC.toString())).findFirst().orElseThrow();
        assertThat(sub.entity()).isEqualTo("prefix:" + COVER);
        assertThat(sub.pattern()).contains(Hint.MORE_SPECIFIC);
        assertThat(sub.details()).containsEntry("expected_origins", "4201").containsEntry("rpki", "invalid-asn");
        assertThat(sub.firstEvidence()).isEqualTo(at(START));
        assertThat(Duration.between(at(START), sub.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
        assertThat(sub.lowered()).isNotNull();
        assertThat(Duration.between(at(END), sub.lowered())).isBetween(Duration.ZERO, Duration.ofMinutes(15));
        assertThat(sub.extent().peersAgreeing()).isEqualTo(5);
        assertThat(sub.evidence()).isNotEmpty().allSatisfy(v -> assertThat(v.asPath()).endsWith("3491 17557"));
        Event moas = hijacks.stream().filter(e -> e.details().get("prefix").equals(COVER.toString())).findFirst().orElseThrow();
        assertThat(moas.pattern()).contains(Hint.MOAS);
        assertThat(moas.details()).containsEntry("origin", "64999");
    }

    @Test
    void againstTheDataAloneAHijackSeenByMostPeersIsRaisedNamingTheVictimAS() throws IOException {
        List<Event> events = run(List.of(new Entity.As(VICTIM)), new Policies(null, null, null), List.of(
                plan(MORE_SPECIFIC, 30, START, END, TRANSIT, HIJACKER),
                plan(DEFENCE, 30, START + 600_000_000L, END, 3701, VICTIM)));
        assertThat(events).filteredOn(e -> e.type() == EventType.HIJACK).singleElement().satisfies(h -> {
            assertThat(h.entity()).isEqualTo("as:" + VICTIM);
            assertThat(h.details()).containsEntry("origin", "17557").containsEntry("prefix", MORE_SPECIFIC.toString());
            assertThat(h.summary()).contains("originated by AS17557", "expected AS4201");
            assertThat(Duration.between(at(START), h.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
            assertThat(Duration.between(at(END), h.lowered())).isBetween(Duration.ZERO, Duration.ofMinutes(15));
            assertThat(h.score()).isPositive();
        });
    }

    @Test
    void aPathThroughAPeerOfAPeerIsALeakNamingTheLeaker() throws IOException {
        // AS1239 learns AS7018's routes over a peering and passes them to its peer AS3356: a valley
        AsRelationships rel = AsRelationships.builder().add(3356, 1239, Relation.PEER).add(1239, 7018, Relation.PEER).build();
        List<Object[]> plans = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) plans.add(plan(Prefix.parse("12.200." + i + ".0/24"), 3, LEAK_START, LEAK_END, 3356, 1239, 7018));
        List<Event> events = run(List.of(), new Policies(null, null, rel), plans);
        assertThat(events).filteredOn(e -> e.type() == EventType.LEAK).singleElement().satisfies(l -> {
            assertThat(l.entity()).isEqualTo("as:1239");
            assertThat(l.details()).containsEntry("leaker", "1239").containsEntry("leaked_to", "3356")
                    .containsEntry("learned_from", "7018");
            assertThat(l.extent().prefixes()).isEqualTo(60);
            assertThat(l.extent().peersAgreeing()).isEqualTo(3);
            assertThat(Duration.between(at(LEAK_START), l.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
            assertThat(l.lowered()).isNotNull();
            assertThat(Duration.between(at(LEAK_END), l.lowered())).isBetween(Duration.ZERO, Duration.ofMinutes(15));
        });
    }

    /** Re-routes all of an AS's routes at two peers through a new transit AS for half an hour. */
    static final class Shift extends RealDays.Injector {
        final long asn, via;
        boolean planned;
        int routes;

        Shift(long asn, long via) {
            this.asn = asn;
            this.via = via;
        }

        @Override
        void at(long t, Engine engine) {
            if (planned || t < LEAK_START - 60_000_000L) return;
            planned = true;
            var index = engine.entities();
            int id = index.find(new Entity.As(asn));
            var m = index.members(id);
            var r = engine.routing();
            for (int peer = 0, used = 0; peer < r.peerCount() && used < 2; peer++) {
                if (r.rib(peer).size() < 1000) continue;
                PeerKey k = r.peerKey(peer);
                int n = 0;
                for (int i = 0; i < m.size(); i++) {
                    int path = r.rib(peer).get(m.prefix(i));
                    if (path == org.blackout.core.rib.PeerRib.NONE) continue;
                    long[] hops = r.paths().hops(path);
                    long[] leaked = new long[hops.length + 1];
                    leaked[0] = hops[0];
                    leaked[1] = via;
                    System.arraycopy(hops, 1, leaked, 2, hops.length - 1);
                    Prefix p = r.prefixes().prefix(m.prefix(i));
                    add(RealDays.announce(LEAK_START + n * 1000L, k.address(), k.asn(), p, leaked));
                    add(RealDays.announce(LEAK_END + n * 1000L, k.address(), k.asn(), p, hops));
                    n++;
                }
                if (n >= 10) used++;
                routes += n;
            }
        }
    }

    @Test
    void withoutRelationshipsAWatchedAsSuddenlyCrossingANewAsIsAPathShiftLeak() throws IOException {
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        List<Entity> watched = List.of(new Entity.As(7018));
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), watched, false, new Policies(null, null, null), log);
        Engine engine = new Engine(ec, EntityMaps.empty(), new Watch(watched, false, false), d);
        Shift shift = new Shift(7018, 64600);
        RealDays.replay(RealDays.files("20080223", 0, 6), engine, shift);
        d.finish();
        assertThat(shift.routes).as("AT&T routes re-routed at two peers").isGreaterThan(100);
        assertThat(log.events()).filteredOn(e -> e.type() == EventType.LEAK).singleElement().satisfies(l -> {
            assertThat(l.entity()).isEqualTo("as:64600");
            assertThat(l.details()).containsEntry("hint", "path_shift").containsEntry("leaker", "64600")
                    .containsEntry("watched", "as:7018");
            assertThat(l.extent().peersAgreeing()).isEqualTo(2);
            assertThat(Duration.between(at(LEAK_START), l.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(10));
            assertThat(l.lowered()).isNotNull();
            assertThat(Duration.between(at(LEAK_END), l.lowered())).isBetween(Duration.ZERO, Duration.ofMinutes(15));
        });
    }
}
