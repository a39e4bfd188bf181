package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled North Korea scenario, cut short after the restoration and with lighter churn,
 * written to MRT and read back with the project's reader and with bgpdump: what truth.jsonl
 * says is what the files show.
 */
class KpScenarioTest {
    static final Path SCENARIO = Path.of("../scenarios/kp-2014-12.yaml");
    static final Prefix KP = Prefix.parse("175.45.176.0/22");
    @TempDir static Path dir;
    static Path out;
    static Simulation.Result result;
    static List<RouteElement> elements = new ArrayList<>();
    static List<JsonNode> truth = new ArrayList<>();

    /** The bundled scenario, ending at 03:00 on 23 December, churn at 0.1 per peer and minute. */
    static Scenario shortened(long seed) throws Exception {
        Scenario s = ScenarioParser.parse(SCENARIO);
        Instant end = Instant.parse("2014-12-23T03:00:00Z");
        List<Action> tl = new ArrayList<>();
        for (Action a : s.timeline()) {
            if (!a.at().isBefore(end)) continue;
            tl.add(a instanceof Action.Churn c ? new Action.Churn(c.where(), c.at(), end, 0.1) : a);
        }
        return new Scenario(s.source(), s.name(), s.description(), s.start(), end, seed, s.baseline(), s.peers(),
                s.countries(), s.layout(), s.updateInterval(), tl);
    }

    @BeforeAll
    static void simulate() throws Exception {
        out = dir.resolve("kp");
        result = Simulation.run(shortened(20141222), out, System.err);
        for (Path f : result.files()) {
            RouteElements flat = new RouteElements();
            try (InputStream in = MrtFiles.open(f); MrtReader r = new MrtReader(in, f.toString())) {
                r.onError(e -> { throw new AssertionError(e.getMessage()); });
                MrtRecord rec;
                while ((rec = r.next()) != null) flat.accept(rec, elements::add);
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("truth.jsonl"))) truth.add(json.readTree(line));
    }

    static long t(String iso) {
        return Simulator.micros(Instant.parse(iso));
    }

    @Test
    void filesAreWhatACollectorWrites() throws Exception {
        List<String> names = result.files().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names.getFirst()).isEqualTo("rib.20141219.0000.gz");
        assertThat(names).contains("updates.20141219.0000.gz", "updates.20141222.1615.gz", "updates.20141223.0245.gz")
                .doesNotContain("updates.20141223.0300.gz");
        assertThat(names).hasSize(1 + 4 * 24 * 4 + 3 * 4); // RIB + one file per 15 minutes, 19 Dec 00:00 to 23 Dec 03:00
        assertThat(Files.readString(out.resolve("README.txt"))).startsWith("SIMULATED DATA");
        // peers: AS3856 as recorded, 39 simulated ones; the RIB holds AS131279's four /24s via AS4837 for all 40
        Set<Long> peers = new HashSet<>();
        elements.stream().filter(e -> e.type() == ElementType.RIB && KP.covers(e.prefix())).forEach(e -> {
            peers.add(e.peerAs());
            long[] path = e.attributes().asPath().sequence();
            assertThat(path[path.length - 1]).isEqualTo(131279);
            assertThat(path[path.length - 2]).isEqualTo(4837);
        });
        assertThat(peers).hasSize(40).contains(3856L);
        assertThat(elements.stream().filter(e -> e.type() == ElementType.RIB && KP.covers(e.prefix()))).hasSize(160);
    }

    @Test
    void truthIsMarkedAndMatchesTheScenario() {
        assertThat(truth).allSatisfy(n -> assertThat(n.get("simulated").asBoolean()).isTrue());
        JsonNode outage = truth.stream().filter(n -> n.get("type").asText().equals("withdraw")).findFirst().orElseThrow();
        assertThat(outage.get("entity").asText()).isEqualTo("country:KP");
        assertThat(outage.get("start").asText()).isEqualTo("2014-12-22T16:15:00Z");
        assertThat(outage.get("end").asText()).isEqualTo("2014-12-23T01:46:00Z");
        assertThat(outage.get("peers").asInt()).isEqualTo(40);
        assertThat(truth.stream().filter(n -> n.get("type").asText().equals("flap"))).hasSize(2);
    }

    @Test
    void afterTheWithdrawalNoPeerHasNorthKoreaUntilTheRestoration() {
        JsonNode outage = truth.stream().filter(n -> n.get("type").asText().equals("withdraw")).findFirst().orElseThrow();
        long start = t(outage.get("start").asText()), end = t(outage.get("end").asText());
        // replay KP's routes per peer: every peer holds them before, none during, all after
        Map<Long, Set<Prefix>> held = new HashMap<>();
        boolean checkedDuring = false;
        for (RouteElement e : elements) {
            if (e.type() == ElementType.STATE || !KP.covers(e.prefix())) continue;
            if (e.timeMicros() > start + 20_000_000L && !checkedDuring) {
                assertThat(held.values()).as("every peer withdrew KP within 20 s of 16:15").allSatisfy(s -> assertThat(s).isEmpty());
                assertThat(held).hasSize(40);
                checkedDuring = true;
            }
            if (e.timeMicros() >= start && e.timeMicros() < end) {
                assertThat(e.type()).as("no announcement of KP during the outage: %s", e).isEqualTo(ElementType.WITHDRAW);
            }
            Set<Prefix> s = held.computeIfAbsent(e.peerAs() * 1000 + e.peerAddress().hashCode() % 1000, k -> new HashSet<>());
            if (e.type() == ElementType.WITHDRAW) s.remove(e.prefix());
            else s.add(e.prefix());
        }
        assertThat(checkedDuring).isTrue();
        assertThat(held.values()).as("all restored at the end").allSatisfy(s -> assertThat(s).hasSize(4));
    }

    @Test
    void instabilityBeforeTheOutageIsSeenByVaryingPeers() {
        Map<Long, Set<String>> peersPerHour = new HashMap<>();
        for (RouteElement e : elements) {
            if (e.type() != ElementType.WITHDRAW || !KP.covers(e.prefix())) continue;
            assertThat(e.timeMicros()).as("no KP update before the instability").isGreaterThanOrEqualTo(t("2014-12-20T06:00:00Z"));
            if (e.timeMicros() < t("2014-12-22T16:00:00Z")) {
                peersPerHour.computeIfAbsent(e.timeMicros() / 3_600_000_000L, k -> new HashSet<>()).add(e.peerAddress().toString());
            }
        }
        assertThat(peersPerHour.size()).as("hours with flaps").isGreaterThan(24);
        assertThat(peersPerHour.values().stream().map(Set::size).distinct().count()).isGreaterThan(5);
    }

    @Test
    void bgpdumpReadsEveryFileAndAgreesOnTheCount() throws Exception {
        org.blackout.testkit.Prerequisites.require(Bgpdump.available(), "bgpdump not installed at /usr/bin/bgpdump");
        long rows = 0;
        for (Path f : result.files()) rows += Bgpdump.rows(f).size();
        assertThat(rows).isEqualTo(elements.size());
    }

    @Test
    void sameSeedSameBytes() throws Exception { // 8 peers, one day and a half: the bytes, not the size, matter here
        Scenario s = shortened(20141222);
        Scenario day = new Scenario(s.source(), s.name(), s.description(), s.start(), Instant.parse("2014-12-20T12:00:00Z"), s.seed(),
                s.baseline(), 8, s.countries(), s.layout(), s.updateInterval(),
                s.timeline().stream().filter(a -> a.at().isBefore(Instant.parse("2014-12-20T12:00:00Z"))).toList());
        String a = digest(Simulation.run(day, dir.resolve("a"), System.err));
        String b = digest(Simulation.run(day, dir.resolve("b"), System.err));
        String c = digest(Simulation.run(day.withSeed(7), dir.resolve("c"), System.err));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    private static String digest(Simulation.Result r) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Path d = r.files().getFirst().getParent();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.sorted().toList()) {
                md.update(f.getFileName().toString().getBytes());
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
