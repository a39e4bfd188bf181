package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.blackout.core.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files parse into the model, and every mistake is reported with file and field. */
class ScenarioParserTest {
    @TempDir Path dir;
    Path file;

    static final String HEAD = """
            name: t
            start: 2014-12-19T00:00:00Z
            end: 2014-12-20T00:00:00Z
            baseline: {mrt: base.rib.gz}
            countries: [apnic.txt]
            """;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("base.rib.gz"), "");
        Files.writeString(dir.resolve("apnic.txt"), "");
        file = dir.resolve("t.yaml");
    }

    private Scenario parse(String yaml) {
        return ScenarioParser.parse(yaml, file);
    }

    @Test
    void bundledKpScenarioParses() throws Exception {
        Path kp = Path.of("../scenarios/kp-2014-12.yaml");
        Scenario s = ScenarioParser.parse(kp);
        assertThat(s.name()).isEqualTo("kp-2014-12");
        assertThat(s.peers()).isEqualTo(40);
        assertThat(s.updateInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.timeline()).filteredOn(a -> a instanceof Action.Withdraw w && w.at().equals(Instant.parse("2014-12-22T16:15:00Z")))
                .singleElement().satisfies(a -> assertThat(((Action.Withdraw) a).entity()).isEqualTo(new Entity.Country("KP")));
        assertThat(s.timeline()).anySatisfy(a -> assertThat(a).isInstanceOf(Action.Restore.class));
        assertThat(s.countries()).allSatisfy(p -> assertThat(p).isRegularFile());
    }

    @Test
    void fullModel() {
        Scenario s = parse(HEAD + """
                seed: 5
                peers: 12
                output: {layout: ris, update_interval: 5m}
                timeline:
                  - {action: withdraw, at: 2014-12-19T01:00:00Z, duration: 1h30m, entity: {as: AS131279}, peers: 50%, over: 2m}
                  - {action: flap, at: 2014-12-19T02:00:00Z, until: 2014-12-19T03:00:00Z, entity: {prefixes: [175.45.176.0/22]}, period: 10m, jitter: 1m, peers: 20%-80%}
                  - {action: upstream, at: 2014-12-19T04:00:00Z, entity: {country: kp}, from: 4837, to: 9002}
                  - {action: hijack, at: 2014-12-19T05:00:00Z, duration: 10m, entity: {prefixes: [175.45.176.0/24]}, origin: 64500, more_specific: true, peers: [0, 3]}
                  - {action: session_down, at: 2014-12-19T06:00:00Z, duration: 5m, peers: 0.25}
                  - {action: churn, rate: 30/h}
                """);
        assertThat(s.seed()).isEqualTo(5);
        assertThat(s.layout()).isEqualTo("ris");
        assertThat(s.timeline().get(0)).isEqualTo(new Action.Withdraw("timeline[0]", Instant.parse("2014-12-19T01:00:00Z"),
                Instant.parse("2014-12-19T02:30:00Z"), new Entity.As(131279), PeerShare.of(0.5), Duration.ofMinutes(2), null));
        assertThat(((Action.Flap) s.timeline().get(1)).peers()).isEqualTo(new PeerShare(0.2, 0.8, null));
        assertThat(((Action.Upstream) s.timeline().get(2)).entity()).isEqualTo(new Entity.Country("KP"));
        assertThat(((Action.Hijack) s.timeline().get(3)).peers().indices()).containsExactly(0, 3);
        assertThat(((Action.Churn) s.timeline().get(5)).perPeerPerMinute()).isEqualTo(0.5);
        assertThat(((Action.Churn) s.timeline().get(5)).until()).isEqualTo(s.end());
    }

    @Test
    void errorsNameFileAndField() {
        assertError("name: [", "t.yaml: (yaml)");
        assertError(HEAD.replace("start: 2014-12-19T00:00:00Z", "start: yesterday"), "t.yaml: start: expected a UTC time like 2014-12-22T16:15:00Z, got 'yesterday'");
        assertError(HEAD.replace("base.rib.gz", "missing.rib.gz"), "t.yaml: baseline.mrt: no such file: ");
        assertError(HEAD + "colour: red\n", "t.yaml: colour: unknown key");
        assertError(HEAD + "timeline:\n  - {action: explode}\n", "t.yaml: timeline[0].action: unknown action 'explode'");
        assertError(HEAD + "timeline:\n  - {action: withdraw, at: 2014-12-19T01:00:00Z}\n", "t.yaml: timeline[0].entity: missing");
        assertError(HEAD + "timeline:\n  - {action: withdraw, at: 2015-01-01T00:00:00Z, entity: {as: 1}}\n", "t.yaml: timeline[0].at: 2015-01-01T00:00:00Z is outside the scenario");
        assertError(HEAD + "timeline:\n  - {action: withdraw, entity: {as: 1}, peers: 150%}\n", "t.yaml: timeline[0].peers: shares must satisfy");
        assertError(HEAD + "timeline:\n  - {action: withdraw, entity: {country: Korea}}\n", "t.yaml: timeline[0].entity.country: expected a two-letter country code");
        assertError(HEAD + "timeline:\n  - {action: flap, entity: {as: 1}, period: 10m}\n", "t.yaml: timeline[0].until: a flap needs 'until' or 'duration'");
        assertError(HEAD + "timeline:\n  - {action: flap, duration: 1h, entity: {as: 1}, period: ten}\n", "t.yaml: timeline[0].period: expected a duration like");
        assertError(HEAD + "timeline:\n  - {action: churn, rate: lots}\n", "t.yaml: timeline[0].rate: expected updates per peer like '2/min'");
        assertError(HEAD + "timeline:\n  - {action: hijack, entity: {as: 1}, origin: AS-X}\n", "t.yaml: timeline[0].origin: expected an AS number, got 'AS-X'");
        assertError(HEAD + "peers: 4\ntimeline:\n  - {action: session_down, peers: [9]}\n", "t.yaml: timeline[0].peers[0]: expected a peer index from 0 to 3, got '9'");
        assertError(HEAD + "output: {update_interval: 7m}\n", "t.yaml: output.update_interval: must be a whole number of minutes dividing a day");
        assertError(HEAD.replace("countries: [apnic.txt]\n", "") + "timeline:\n  - {action: withdraw, entity: {country: KP}}\n",
                "t.yaml: timeline[0].entity: a country entity needs 'countries:'");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> parse(HEAD + "timeline:\n  - {action: withdraw, entity: {as: 1}}\n  - {action: flap, duration: 1h, entity: {as: 1}, period: ten}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.path()).isEqualTo("timeline[1].period");
                })
                .hasMessageStartingWith("t.yaml:8: timeline[1].period: expected a duration like");
    }

    /** The message without its line number (checked in {@link #errorsNameTheLine}). */
    private void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage().replaceFirst("^t\\.yaml:\\d+: ", "t.yaml: ")).contains(message));
    }
}
