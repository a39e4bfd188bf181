package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.blackout.core.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline engine on a small in-memory baseline: what each action makes peers send. */
class SimulatorTest {
    @TempDir Path dir;
    Baseline base;
    static final Prefix KP0 = Prefix.parse("175.45.176.0/24");

    @BeforeEach
    void baseline() throws Exception {
        Map<Prefix, SimPath> routes = new HashMap<>();
        for (int i = 0; i < 4; i++) routes.put(Prefix.parse("175.45." + (176 + i) + ".0/24"), new SimPath(new int[] {2914, 1239, 4837, 131279}, 2));
        for (int i = 0; i < 200; i++) routes.put(Prefix.v4(0x0B000000 + (i << 8), 24), new SimPath(new int[] {3356, 174, 64500 + i % 7}, 0));
        routes.put(Prefix.parse("192.0.2.0/24"), new SimPath(new int[] {2914, 64666}, 0));
        routes.put(Prefix.parse("2001:db8::/32"), new SimPath(new int[] {2914, 6939, 64501}, 0));
        base = PeerSpreader.spread(List.of(new RealTable(3856, IpAddress.parse("206.220.231.55"), routes)), 6, 3, "test");
        Files.writeString(dir.resolve("base.rib.gz"), "");
    }

    private CollectingSink run(String timeline, long seed) throws Exception {
        Scenario sc = ScenarioParser.parse("""
                name: t
                start: 2014-12-22T00:00:00Z
                end: 2014-12-23T00:00:00Z
                baseline: {mrt: base.rib.gz}
                peers: 6
                timeline:
                """ + timeline, dir.resolve("t.yaml")).withSeed(seed);
        CollectingSink sink = new CollectingSink();
        new Simulator(sc, base, new EntityResolver(base, null)).run(sink);
        return sink;
    }

    private static long t(String iso) {
        return Simulator.micros(Instant.parse(iso));
    }

    @Test
    void withdrawThenRestoreReachesEveryPeerOnce() throws Exception {
        CollectingSink s = run("""
                  - {action: withdraw, at: 2014-12-22T16:15:00Z, entity: {as: 131279}}
                  - {action: restore, at: 2014-12-23T01:46:00Z, entity: {as: 131279}}
                  - {action: withdraw, at: 2014-12-22T20:00:00Z, duration: 1h, entity: {as: 64666}, peers: 50%, over: 10m}
                """.replace("2014-12-23T01:46:00Z", "2014-12-22T23:00:00Z"), 1);
        var kp = s.changes.stream().filter(c -> c.prefix() != null && Prefix.parse("175.45.176.0/22").covers(c.prefix())).toList();
        assertThat(kp.stream().filter(c -> c.kind() == 'W')).hasSize(6 * 4)
                .allSatisfy(c -> assertThat(c.micros()).isBetween(t("2014-12-22T16:15:00Z"), t("2014-12-22T16:15:20Z")));
        assertThat(kp.stream().filter(c -> c.kind() == 'A')).hasSize(6 * 4)
                .allSatisfy(c -> assertThat(c.micros()).isBetween(t("2014-12-22T23:00:00Z"), t("2014-12-22T23:00:20Z")));
        var other = s.changes.stream().filter(c -> c.prefix() != null && c.prefix().equals(Prefix.parse("192.0.2.0/24"))).toList();
        assertThat(other.stream().filter(c -> c.kind() == 'W').map(c -> c.peer()).distinct()).hasSize(3);
        assertThat(other.stream().filter(c -> c.kind() == 'W'))
                .allSatisfy(c -> assertThat(c.micros()).isBetween(t("2014-12-22T20:00:00Z"), t("2014-12-22T20:10:00Z")));
    }

    @Test
    void sameSeedSameOutputOtherSeedOther() throws Exception {
        String tl = """
                  - {action: flap, at: 2014-12-22T01:00:00Z, until: 2014-12-22T09:00:00Z, entity: {as: 131279}, period: 20m, jitter: 5m, peers: 20%-80%}
                  - {action: churn, rate: 1/min}
                """;
        assertThat(run(tl, 7).changes).isEqualTo(run(tl, 7).changes).isNotEqualTo(run(tl, 8).changes);
    }

    @Test
    void flapsAreSeenByVaryingSharesAndEndRestored() throws Exception {
        CollectingSink s = run("""
                  - {action: flap, at: 2014-12-22T01:00:00Z, until: 2014-12-22T09:00:00Z, entity: {as: 131279}, period: 20m, jitter: 5m, peers: 20%-80%}
                """, 11);
        Map<Long, Long> peersPerCycle = new java.util.TreeMap<>();
        s.changes.stream().filter(c -> c.kind() == 'W').forEach(c -> peersPerCycle.merge((c.micros() - t("2014-12-22T01:00:00Z")) / 1_200_000_000L, 1L, Long::sum));
        assertThat(peersPerCycle.values().stream().distinct().count()).as("varying shares").isGreaterThan(1);
        // at the end every peer holds every route again
        Map<String, Character> last = new HashMap<>();
        s.changes.forEach(c -> last.put(c.peer() + " " + c.prefix(), c.kind()));
        assertThat(last.values()).containsOnly('A');
        assertThat(s.changes).allSatisfy(c -> assertThat(c.micros()).isLessThanOrEqualTo(t("2014-12-22T09:00:00Z")));
    }

    @Test
    void upstreamChangeHijackAndSessionReset() throws Exception {
        CollectingSink s = run("""
                  - {action: upstream, at: 2014-12-22T02:00:00Z, duration: 1h, entity: {as: 131279}, from: 4837, to: 9002}
                  - {action: hijack, at: 2014-12-22T04:00:00Z, duration: 30m, entity: {prefixes: [175.45.176.0/24]}, origin: 64666, more_specific: true, peers: [1]}
                  - {action: session_down, at: 2014-12-22T06:00:00Z, duration: 10m, peers: [2]}
                """, 1);
        assertThat(s.changes.stream().filter(c -> c.kind() == 'A' && c.micros() < t("2014-12-22T03:00:00Z")).map(CollectingSink.Change::path))
                .hasSize(24).allSatisfy(p -> assertThat(p).endsWith("9002 131279").doesNotContain("4837"));
        assertThat(s.changes.stream().filter(c -> c.kind() == 'A' && c.micros() >= t("2014-12-22T03:00:00Z") && c.micros() < t("2014-12-22T03:01:00Z")))
                .hasSize(24).allSatisfy(c -> assertThat(c.path()).endsWith("4837 131279"));
        var hijack = s.changes.stream().filter(c -> c.micros() >= t("2014-12-22T04:00:00Z") && c.micros() < t("2014-12-22T05:00:00Z")).toList();
        assertThat(hijack).extracting(c -> c.kind() + " " + c.peer() + " " + c.prefix() + " " + c.path()).containsExactly(
                "A 1 175.45.176.0/25 " + pathOf(1, "192.0.2.0/24"), "A 1 175.45.176.128/25 " + pathOf(1, "192.0.2.0/24"),
                "W 1 175.45.176.0/25 null", "W 1 175.45.176.128/25 null");
        var session = s.changes.stream().filter(c -> c.peer() == 2 && c.micros() >= t("2014-12-22T06:00:00Z")).toList();
        assertThat(session.subList(0, 5)).extracting(CollectingSink.Change::path).containsExactly("6>1", "1>2", "2>4", "4>5", "5>6");
        assertThat(session.stream().filter(c -> c.kind() == 'A')).hasSize(base.prefixes().length);
    }

    private String pathOf(int peer, String prefix) {
        return base.paths().get(base.routes()[peer][base.indexOf(Prefix.parse(prefix))]).toString();
    }

    @Test
    void restoreWithoutWithdrawIsAnError() {
        assertThatThrownBy(() -> run("  - {action: restore, at: 2014-12-22T02:00:00Z, entity: {as: 131279}}\n", 1))
                .isInstanceOf(ConfigException.class).hasMessage("t.yaml: timeline[0]: restore of as:131279 without an earlier open withdraw of it");
        assertThatThrownBy(() -> run("  - {action: withdraw, at: 2014-12-22T02:00:00Z, entity: {as: 999}}\n", 1))
                .isInstanceOf(ConfigException.class).hasMessage("t.yaml: timeline[0].entity: as:999 matches no prefix of the baseline");
    }

    @Test
    void churnTouchesAffectedPrefixesOnlyWhenAskedAndHonoursItsWithdrawShare() throws Exception {
        String outage = "  - {action: withdraw, at: 2014-12-22T02:00:00Z, duration: 1h, entity: {as: 131279}}\n";
        Prefix kp = Prefix.parse("175.45.176.0/22");
        CollectingSink plain = run(outage + "  - {action: churn, rate: 10/min}\n", 3);
        assertThat(plain.changes.stream().filter(c -> c.prefix() != null && kp.covers(c.prefix()))).hasSize(2 * 6 * 4);
        CollectingSink all = run(outage + "  - {action: churn, rate: 10/min, affected: true, withdrawals: 1.0}\n", 3);
        var kpChanges = all.changes.stream().filter(c -> c.prefix() != null && kp.covers(c.prefix())).toList();
        assertThat(kpChanges.size()).as("churn on the outage's prefixes too").isGreaterThan(2 * 6 * 4);
        // withdrawals only: every announcement carries the baseline path again
        assertThat(all.changes.stream().filter(c -> c.kind() == 'A' && c.prefix() != null && !kp.covers(c.prefix())))
                .isNotEmpty().allSatisfy(c -> assertThat(c.path()).isEqualTo(pathOf(c.peer(), c.prefix().toString())));
        // while the outage lasts, churn on its prefixes sends nothing: they stay withdrawn
        assertThat(kpChanges.stream().filter(c -> c.micros() > t("2014-12-22T02:00:20Z") && c.micros() < t("2014-12-22T03:00:00Z"))).isEmpty();
        assertThatThrownBy(() -> run("  - {action: churn, rate: 1/min, withdrawals: 2}\n", 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("timeline[0].withdrawals");
    }
}
