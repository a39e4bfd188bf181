package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blackout.cli.report.DetectionRun;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.blackout.sim.Action;
import org.blackout.sim.Scenario;
import org.blackout.sim.ScenarioParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on the bundled North Korea scenario, cut at 23 Dec 06:00 to keep the test short: the
 * detected events against the simulator's own truth.jsonl.
 */
class DemoCommandTest {
    static final Instant CUT = Instant.parse("2014-12-23T06:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static DetectionRun.Result result;
    static String terminal;
    static List<JsonNode> truth;

    @BeforeAll
    static void runDemo() throws Exception {
        Path yaml = DemoCommand.locate();
        assertThat(yaml).as("bundled scenario").isNotNull();
        Scenario full = ScenarioParser.parse(yaml);
        List<Action> timeline = new ArrayList<>();
        for (Action a : full.timeline()) {
            if (!a.at().isBefore(CUT)) continue;
            timeline.add(a instanceof Action.Churn c ? new Action.Churn(c.where(), c.at(), CUT, c.perPeerPerMinute()) : a);
        }
        Scenario sc = new Scenario(full.source(), full.name(), full.description(), full.start(), CUT, full.seed(), full.baseline(),
                full.peers(), full.countries(), full.layout(), full.updateInterval(), timeline);
        StringWriter text = new StringWriter();
        result = DemoCommand.run(sc, yaml, dir, true, new PrintWriter(text, true),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        terminal = text.toString();
        truth = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("mrt/truth.jsonl"))) truth.add(JSON.readTree(line));
    }

    static JsonNode truth(String type) {
        return truth.stream().filter(t -> t.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    static List<Event> events(EventType type, String entity) {
        return result.events().stream().filter(e -> e.type() == type && e.entity().equals(entity)).toList();
    }

    @Test
    void theOutageOfNorthKoreaAndAs131279IsRaisedMinutesAfterItStartsAndLoweredWhenItEnds() {
        JsonNode t = truth("withdraw");
        Instant start = Instant.parse(t.get("start").asText()), end = Instant.parse(t.get("end").asText());
        assertThat(start).isEqualTo(Instant.parse("2014-12-22T16:15:00Z"));
        for (String entity : List.of("country:KP", "as:131279")) {
            List<Event> outages = events(EventType.OUTAGE, entity);
            assertThat(outages).as(entity).hasSize(1);
            Event o = outages.get(0);
            assertThat(Duration.between(start, o.firstEvidence())).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            assertThat(Duration.between(start, o.raised())).isBetween(Duration.ZERO, Duration.ofMinutes(15));
            // restored over two minutes from the truth's end
            assertThat(Duration.between(end, o.lowered())).isBetween(Duration.ZERO, Duration.ofMinutes(3));
            assertThat(Duration.ofSeconds(o.durationS()).minus(Duration.between(start, end)).abs()).isLessThan(Duration.ofMinutes(3));
            assertThat(o.depth()).isEqualTo(1.0);
            assertThat(o.extent().slash24()).isEqualTo(4.0);
            assertThat(o.extent().peersAgreeing()).isEqualTo(t.get("peers").asInt());
            assertThat(o.upstreams().before()).containsExactly(4837L);
            assertThat(o.pattern()).contains(Hint.ALL_AT_ONCE, Hint.PRECEDED_BY_INSTABILITY, Hint.SINGLE_UPSTREAM);
        }
        assertThat(terminal).contains("restored after 9 h 31 min");
    }

    @Test
    void instabilityFromThe20thPrecedesTheOutage() {
        JsonNode flap = truth("flap");
        Instant flapStart = Instant.parse(flap.get("start").asText());
        Event outage = events(EventType.OUTAGE, "country:KP").get(0);
        List<Event> inst = events(EventType.INSTABILITY, "country:KP");
        assertThat(inst).isNotEmpty();
        Event first = inst.get(0);
        assertThat(Duration.between(flapStart, first.firstEvidence()).abs()).isLessThan(Duration.ofMinutes(30));
        assertThat(Duration.between(flapStart, first.raised())).isLessThan(Duration.ofHours(2));
        assertThat(first.lowered()).isNotNull().isBefore(outage.firstEvidence());
    }

    @Test
    void northKoreaIsFlaggedAsReachedOnlyThroughAs4837() {
        assertThat(events(EventType.UPSTREAM, "country:KP")).anySatisfy(e -> {
            assertThat(e.pattern()).contains(Hint.SINGLE_UPSTREAM);
            assertThat(e.details()).containsEntry("asn", "4837");
        });
        assertThat(terminal).contains("reached only through AS4837");
    }

    @Test
    void theCollectorSessionResetIsAFeedEventAndNothingElse() {
        JsonNode reset = truth("session_down");
        Instant start = Instant.parse(reset.get("start").asText());
        List<Event> feed = result.events().stream().filter(e -> e.type() == EventType.FEED).toList();
        assertThat(feed).anySatisfy(e -> {
            assertThat(Duration.between(start, e.firstEvidence()).abs()).isLessThan(Duration.ofMinutes(1));
            assertThat(e.lowered()).isNotNull();
        });
        // the only outages are North Korea's: no entity lost space because a collector peer did
        assertThat(result.events()).filteredOn(e -> e.type() == EventType.OUTAGE)
                .allSatisfy(e -> assertThat(e.firstEvidence()).isAfterOrEqualTo(Instant.parse(truth("withdraw").get("start").asText())));
        assertThat(result.events()).noneMatch(e -> e.type() == EventType.HIJACK);
    }

    @Test
    void eventsJsonLinesAndTheReportAreWritten() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(lines).hasSize(result.events().size());
        for (String l : lines) {
            JsonNode n = JSON.readTree(l);
            assertThat(n.has("type") && n.has("entity") && n.has("first_evidence") && n.has("raised") && n.has("lowered")
                    && n.has("duration_s") && n.has("severity") && n.has("extent") && n.has("upstreams") && n.has("evidence")
                    && n.has("pattern")).as(l).isTrue();
        }
        JsonNode outage = lines.stream().map(DemoCommandTest::tree).filter(n -> n.get("type").asText().equals("outage")).findFirst().orElseThrow();
        assertThat(outage.get("upstreams").get("before").get(0).asLong()).isEqualTo(4837);
        assertThat(outage.get("evidence").get(0).get("kind").asText()).isEqualTo("W");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "country:KP", "as:131279", "SIMULATED")
                .doesNotContain("<script", "<link", "src=\"http", "url(http");
        assertThat(terminal).contains("report:").contains("RAISED   outage country:KP");
    }

    static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
