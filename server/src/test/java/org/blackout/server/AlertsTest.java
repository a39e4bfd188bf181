package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink.Phase;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Upstreams;
import org.blackout.pipeline.config.AlertConfig;
import org.blackout.server.alert.Alerts;
import org.blackout.server.metrics.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Alerts of the KP scenario replay, as each kind of destination received them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    KpFixture.Shared s;

    @BeforeAll
    void replay() throws Exception {
        s = KpFixture.shared();
        // the dead destination keeps retrying; everything else must have gone out
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end && (s.receivers().posts("/hook").size() < 2 || s.mail().getReceivedMessages().length < 2)) Thread.sleep(50);
    }

    List<JsonNode> hook(String idPrefix) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (var p : s.receivers().posts("/hook")) {
            JsonNode n = JSON.readTree(p.body());
            if (n.get("id").asText().startsWith(idPrefix)) out.add(n);
        }
        return out;
    }

    @Test
    void webhookGetsRaisedThenRestoredOnce() throws Exception {
        List<JsonNode> kp = hook("outage/country:KP/");
        assertThat(kp).extracting(n -> n.get("phase").asText()).containsExactly("raised", "lowered");
        assertThat(kp.get(0).get("event").get("raised").asText()).startsWith("2014-12-22T16:");
        assertThat(kp.get(1).get("text").asText()).contains("restored after 9 h 31 min");
        assertThat(kp.get(1).get("event").get("lowered").asText()).startsWith("2014-12-23T01:");
        // entities: [country:KP] only
        for (var p : s.receivers().posts("/hook")) assertThat(JSON.readTree(p.body()).get("event").get("entity").asText()).isEqualTo("country:KP");
    }

    @Test
    void slackMailSyslogAndFile() throws Exception {
        List<String> slack = s.receivers().posts("/slack").stream().map(Receivers.Post::body).toList();
        assertThat(slack).anySatisfy(b -> assertThat(JSON.readTree(b).get("text").asText()).contains("country:KP restored after 9 h 31 min"));
        assertThat(slack).allSatisfy(b -> assertThat(JSON.readTree(b).fieldNames()).toIterable().containsExactly("text"));

        MimeMessage[] mail = s.mail().getReceivedMessages();
        assertThat(mail).extracting(MimeMessage::getSubject).anyMatch(x -> x.contains("country:KP restored after 9 h 31 min"));
        assertThat(mail[0].getAllRecipients()[0].toString()).isEqualTo("noc@example.org");

        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end && s.receivers().syslog.size() < 2) Thread.sleep(20);
        // RFC 5424: <PRI>VERSION TIMESTAMP HOST APP PROCID MSGID SD MSG; local0.warning = 132, local0.notice = 133
        assertThat(s.receivers().syslog).anyMatch(m -> m.matches("(?s)<132>1 \\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ blackout \\d+ RAISED - .*country:KP.*"));
        assertThat(s.receivers().syslog).anyMatch(m -> m.startsWith("<133>1 ") && m.contains("restored after 9 h 31 min"));

        List<String> lines = Files.readAllLines(s.alertsFile());
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(JSON.readTree(l).has("phase")).isTrue());
        assertThat(lines).anyMatch(l -> l.contains("\"phase\":\"lowered\"") && l.contains("outage/country:KP/"));
    }

    @Test
    void failingDestinationIsRetriedWithoutBlocking() throws Exception {
        String metrics = s.server().metrics().scrape();
        assertThat(metrics).containsPattern("blackout_alert_failures_total\\{destination=\"dead\"\\} [1-9]");
        assertThat(metrics).containsPattern("blackout_alert_deliveries_total\\{destination=\"hook\"\\} [1-9]");
        assertThat(metrics).doesNotContain("blackout_alert_deliveries_total{destination=\"dead\"}");
        // the engine went on: the replay finished and stored the whole scenario while "dead" kept failing
        assertThat(s.server().store().timeRange()[1]).isEqualTo(Instant.parse("2014-12-23T03:55:00Z").getEpochSecond());
    }

    @Test
    void deliveredAlertsAreNotSentAgainAfterARestart() throws Exception {
        JsonNode raised = hook("outage/country:KP/").get(0).get("event");
        String id = raised.get("id").asText();
        assertThat(s.server().store().delivered("hook|" + id + "|raised")).isTrue();
        // a new Alerts over the same store, as after a restart, sees the same event raised again
        AlertConfig cfg = new AlertConfig(Duration.ofMinutes(30), List.of(new AlertConfig.Destination("hook",
                AlertConfig.Kind.WEBHOOK, "http://127.0.0.1:" + s.receivers().httpPort() + "/again", null, java.util.Set.of(),
                java.util.Set.of(), null, 0, null, null, null, List.of(), null, 0, null)));
        Event e = new Event(id, EventType.OUTAGE, "country:KP", Instant.parse(raised.get("first_evidence").asText()),
                Instant.parse(raised.get("raised").asText()), null, 300, 1, 1, Extent.NONE, Upstreams.NONE, List.of(), List.of(),
                Event.details(Map.of()), "again");
        Event other = new Event("outage/country:KP/1", EventType.OUTAGE, "country:KP", Instant.EPOCH, Instant.EPOCH, null, 300, 1, 1,
                Extent.NONE, Upstreams.NONE, List.of(), List.of(), Event.details(Map.of()), "new one");
        try (Alerts again = new Alerts(cfg, s.server().store(), new Metrics())) {
            again.onEvent(Phase.RAISED, e);
            again.onEvent(Phase.RAISED, other);
            assertThat(again.drain(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(s.receivers().posts("/again")).hasSize(1).allSatisfy(p -> assertThat(p.body()).contains("new one").doesNotContain("\"again\""));
    }
}
