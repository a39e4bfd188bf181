package org.blackout.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Watch;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.junit.jupiter.api.Test;

/**
 * The engine's counts on real files against an independent computation from {@code bgpdump -m}
 * text: bgpdump's own expected output shipped with its test suite.
 */
class ReplayCrossCheckTest {

    static Path shared(String rel) {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path p = Path.of(base, rel);
        Prerequisites.require(Files.exists(p), "missing " + p);
        return p;
    }

    static List<String[]> bgpdumpRows(Path expect) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(expect));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) rows.add(line.split("\\|", -1));
        }
        return rows;
    }

    /** Origins as bgpdump prints a path: the last token, or every member of a trailing {a,b} set. */
    static List<Long> origins(String path) {
        String t = path.trim();
        if (t.isEmpty()) return List.of();
        if (t.endsWith("}")) {
            String set = t.substring(t.lastIndexOf('{') + 1, t.length() - 1);
            List<Long> out = new ArrayList<>();
            for (String a : set.split(",")) out.add(Long.parseLong(a.trim()));
            return out;
        }
        String last = t.substring(t.lastIndexOf(' ') + 1);
        return last.endsWith(")") ? List.of() : List.of(Long.parseLong(last));
    }

    static final class Collect implements EngineListener {
        final List<Signal> signals = new ArrayList<>();
        final List<FeedEvent> feed = new ArrayList<>();

        @Override public void signal(Signal s) { signals.add(s); }
        @Override public void feedEvent(FeedEvent e) { feed.add(e); }
    }

    @Test
    void ribDumpPrefixesPerPeerAndPerOriginMatchBgpdump() throws Exception {
        Path mrt = shared("mrt/bgpdump/test_data/bview.20020722.2337.gz");
        List<String[]> rows = bgpdumpRows(shared("mrt/bgpdump/test_expect/bview.20020722.2337.gz.bgp.gz"));
        Map<String, Integer> perPeer = new TreeMap<>();
        Map<Long, Set<String>> perOrigin = new HashMap<>();
        for (String[] f : rows) {
            perPeer.merge(f[3] + "|" + f[4], 1, Integer::sum);
            if (Prefix.parse(f[5]).length() < 8) continue; // the engine's entities skip less-specifics of /8
            for (long o : origins(f[6])) perOrigin.computeIfAbsent(o, k -> new HashSet<>()).add(f[5]);
        }

        Collect c = new Collect();
        Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")), c);
        new ReplayMerge(List.of(mrt)).run(engine::accept);
        engine.finish();

        RoutingState rs = engine.routing();
        Map<String, Integer> ours = new TreeMap<>();
        for (int p = 0; p < rs.peerCount(); p++) {
            PeerKey k = rs.peerKey(p);
            ours.put(k.address() + "|" + k.asn(), rs.rib(p).size());
        }
        assertThat(ours).isEqualTo(perPeer);

        EntityIndex index = engine.entities();
        Map<Long, Integer> oursPerOrigin = new HashMap<>(), theirs = new HashMap<>();
        for (int e = 0; e < index.size(); e++) {
            if (index.get(e) instanceof Entity.As a) oursPerOrigin.put(a.asn(), index.members(e).size());
        }
        perOrigin.forEach((o, s) -> theirs.put(o, s.size()));
        assertThat(oursPerOrigin).hasSameSizeAs(theirs).isEqualTo(theirs);
        // one bin (the dump's time), one signal per origin AS
        assertThat(c.signals).hasSize(theirs.size());
        assertThat(c.signals).allSatisfy(s -> assertThat(s.announcements()).isZero());
    }

    /** bgpdump -m run here (skips without it), on the first MiB of a 2014 RouteViews RIB (TABLE_DUMP_V2, 35 peers). */
    @Test
    void routeViews2014RibPrefixMatchesBgpdumpOnTheCommonPart() throws Exception {
        Path mrt = shared("mrt/pyasn/rib.20140523.0600_firstMB.bz2");
        Path text = Files.createTempFile("bgpdump", ".txt");
        List<String[]> rows = new ArrayList<>();
        try {
            Process p;
            try {
                p = new ProcessBuilder("bgpdump", "-m", mrt.toString()).redirectOutput(text.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                Prerequisites.missing("bgpdump not on PATH");
                return;
            }
            p.waitFor();
            for (String line : Files.readAllLines(text)) rows.add(line.split("\\|", -1));
        } finally {
            Files.deleteIfExists(text);
        }
        Collect c = new Collect();
        Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")), c);
        new ReplayMerge(List.of(mrt)).run(engine::accept);
        engine.finish();
        RoutingState rs = engine.routing();

        // the truncated bz2 stream ends at different points for libbz2 and commons-compress:
        // compare over the prefixes both read
        Map<String, Integer> perPeer = new TreeMap<>();
        Map<Long, Set<String>> perOrigin = new HashMap<>();
        Set<String> common = new HashSet<>();
        for (String[] f : rows) {
            Prefix prefix = Prefix.parse(f[5]);
            if (rs.prefixes().find(prefix) < 0) continue;
            common.add(f[5]);
            perPeer.merge(f[3] + "|" + f[4], 1, Integer::sum);
            if (prefix.length() < 8) continue;
            for (long o : origins(f[6])) perOrigin.computeIfAbsent(o, k -> new HashSet<>()).add(f[5]);
        }
        assertThat(common).hasSizeGreaterThan(8_900);
        // the last prefix may be cut inside its record: drop it on both sides
        Map<String, Integer> ours = new TreeMap<>();
        for (int i = 0; i < rs.peerCount(); i++) {
            PeerKey k = rs.peerKey(i);
            ours.put(k.address() + "|" + k.asn(), rs.rib(i).size());
        }
        assertThat(ours.keySet()).isEqualTo(perPeer.keySet());
        assertThat(ours.keySet()).hasSize(35);
        int mismatched = 0;
        for (String k : ours.keySet()) if (Math.abs(ours.get(k) - perPeer.get(k)) > 1) mismatched++;
        assertThat(mismatched).isZero();
        Map<Long, Integer> oursPerOrigin = new HashMap<>();
        EntityIndex index = engine.entities();
        for (int e = 0; e < index.size(); e++) {
            if (index.get(e) instanceof Entity.As a) oursPerOrigin.put(a.asn(), index.members(e).size());
        }
        int originsOff = 0;
        for (Map.Entry<Long, Set<String>> e : perOrigin.entrySet()) {
            if (Math.abs(oursPerOrigin.getOrDefault(e.getKey(), 0) - e.getValue().size()) > 1) originsOff++;
        }
        assertThat(oursPerOrigin.keySet()).containsAll(perOrigin.keySet());
        assertThat(originsOff).isZero();
    }

    @Test
    void stateChangesAreFeedEventsAndVisibilityHolds() throws Exception {
        Path rib = shared("mrt/bgpdump/test_data/bview.20020722.2337.gz");
        Path updates = shared("mrt/bgpdump/test_data/updates.20020722.2238.gz");
        long stateLines = bgpdumpRows(shared("mrt/bgpdump/test_expect/updates.20020722.2238.gz.bgp.gz")).stream()
                .filter(f -> f[2].equals("STATE")).count();

        Collect c = new Collect();
        Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")), c);
        List<RouteElement> order = new ArrayList<>();
        new ReplayMerge(List.of(rib, updates)).run((collector, e) -> {
            if (!order.isEmpty()) assertThat(e.timeMicros()).isGreaterThanOrEqualTo(order.get(0).timeMicros());
            order.clear();
            order.add(e);
            engine.accept(collector, e);
        });
        engine.finish();
        assertThat(c.feed.stream().filter(f -> f.kind() != FeedEvent.Kind.RESYNC)).hasSize((int) stateLines);
        assertThat(c.feed).extracting(FeedEvent::kind).doesNotContain(FeedEvent.Kind.SESSION_DOWN);
        assertThat(c.feed).anySatisfy(f -> assertThat(f.detail()).isEqualTo("OpenConfirm→Idle"));
    }

    /**
     * The STATE lines of these files are sessions cycling through Connect/Active/OpenSent without
     * reaching Established: feed events, and no effect at all on any entity's signals.
     */
    @Test
    void stateLinesOfRealUpdateFilesLeaveSignalsUntouched() throws Exception {
        for (String name : new String[] {"updates.20100722.2015.gz", "updates.20020722.2238.gz"}) {
            Path mrt = shared("mrt/bgpdump/test_data/" + name);
            long stateLines = bgpdumpRows(shared("mrt/bgpdump/test_expect/" + name + ".bgp.gz")).stream()
                    .filter(f -> f[2].equals("STATE")).count();
            Collect with = new Collect(), without = new Collect();
            Engine a = new Engine(EngineConfig.defaults().withBin(60_000_000L), EntityMaps.empty(), Watch.parse(List.of("all-ases")), with);
            Engine b = new Engine(EngineConfig.defaults().withBin(60_000_000L), EntityMaps.empty(), Watch.parse(List.of("all-ases")), without);
            new ReplayMerge(List.of(mrt)).run((collector, e) -> {
                a.accept(collector, e);
                if (e.type() != ElementType.STATE) b.accept(collector, e);
            });
            a.finish();
            b.finish();
            assertThat(with.feed).as(name).hasSize((int) stateLines);
            assertThat(with.feed).extracting(FeedEvent::kind).doesNotContain(FeedEvent.Kind.SESSION_DOWN);
            assertThat(with.signals).as(name).hasSizeGreaterThan(100).isEqualTo(without.signals);
        }
    }

    @Test
    void fullFeedPeerGoingDownIsAFeedEventNotAnOutage() throws Exception {
        // the real 2002 dump, then its one full-feed peer's session drops (the STATE a collector logs)
        Path rib = shared("mrt/bgpdump/test_data/bview.20020722.2337.gz");
        Collect c = new Collect();
        Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")), c);
        long[] last = {0};
        new ReplayMerge(List.of(rib)).run((collector, e) -> {
            last[0] = e.timeMicros();
            engine.accept(collector, e);
        });
        RouteElement down = new RouteElement(last[0] + 600_000_000L, ElementType.STATE,
                org.blackout.wire.net.IpAddress.parse("193.203.0.1"), 1853, null, 0, null, 6, 1);
        engine.accept("test_data", down);
        engine.finish();
        assertThat(c.feed).filteredOn(f -> f.kind() == FeedEvent.Kind.SESSION_DOWN).singleElement()
                .satisfies(f -> assertThat(f.routes()).isEqualTo(112_986));
        // before: only AS1853 is full-feed; after: the largest remaining peer becomes the reference.
        // Withdrawals are not counted: a dead session is not the Internet withdrawing.
        assertThat(c.signals).allSatisfy(s -> assertThat(s.withdrawals()).isZero());
        long before = c.signals.stream().filter(s -> s.time().getEpochSecond() * 1_000_000L <= last[0]).count();
        assertThat(before).isPositive();
        assertThat(c.signals.get(c.signals.size() - 1).fullFeedPeers()).isEqualTo(1);
    }

    @Test
    void addPathRibDumpsKeepOneRoutePerPrefix() throws Exception {
        for (String name : new String[] {"bview.ipv4_unicast_add_path.gz", "bview.ipv6_unicast_add_path.gz"}) {
            Path mrt = shared("mrt/bgpdump/test_data/" + name);
            Map<String, Set<String>> perPeer = new TreeMap<>();
            for (String[] f : bgpdumpRows(shared("mrt/bgpdump/test_expect/" + name + ".bgp.gz"))) {
                perPeer.computeIfAbsent(f[3] + "|" + f[4], k -> new HashSet<>()).add(f[5]);
            }
            Engine engine = new Engine(EngineConfig.defaults(), EntityMaps.empty(), Watch.parse(List.of("all-ases")), new Collect());
            new ReplayMerge(List.of(mrt)).run(engine::accept);
            engine.finish();
            Map<String, Integer> ours = new TreeMap<>(), theirs = new TreeMap<>();
            RoutingState rs = engine.routing();
            for (int i = 0; i < rs.peerCount(); i++) ours.put(rs.peerKey(i).address() + "|" + rs.peerKey(i).asn(), rs.rib(i).size());
            perPeer.forEach((k, v) -> theirs.put(k, v.size()));
            assertThat(ours).as(name).isEqualTo(theirs);
        }
    }

    @Test
    void collectorNamesComeFromThePath() {
        assertThat(ArchiveLayout.collectorOf(Path.of("/data/rrc00/2024.09/updates.20240914.0000.gz"))).isEqualTo("rrc00");
        assertThat(ArchiveLayout.collectorOf(Path.of("/data/route-views.linx/bgpdata/2024.09/UPDATES/updates.x.bz2")))
                .isEqualTo("route-views.linx");
        assertThat(ArchiveLayout.collectorOf(Path.of("/data/rrc04-updates.20240914.bz2"))).isEqualTo("rrc04");
        assertThat(ArchiveLayout.collectorOf(Path.of("/x/test_data/bview.20020722.2337.gz"))).isEqualTo("test_data");
    }
}
