package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink.Phase;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;
import org.blackout.core.event.Upstreams;
import org.blackout.pipeline.config.AlertConfig;
import org.blackout.server.alert.Alerts;
import org.blackout.server.metrics.Metrics;
import org.blackout.server.store.Store;
import org.blackout.pipeline.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event that deepens: updates go out only when deeper and at most once per update interval (data time). */
class AlertUpdatesTest {
    @TempDir Path tmp;

    static Event snapshot(long minutes, double depth, boolean lowered) {
        Instant first = Instant.parse("2014-12-22T16:15:00Z");
        return new Event("outage/country:KP/" + first.getEpochSecond(), EventType.OUTAGE, "country:KP", first, first.plusSeconds(300),
                lowered ? first.plusSeconds(minutes * 60) : null, minutes * 60, depth * minutes / 60.0, depth, Extent.NONE,
                Upstreams.NONE, List.of(), List.of(), Event.details(Map.of()), Math.round(depth * 100) + "% lost");
    }

    @Test
    void deepeningIsRateLimitedAndTheEndCarriesTheDuration() throws Exception {
        Path file = tmp.resolve("alerts.jsonl");
        AlertConfig cfg = new AlertConfig(Duration.ofMinutes(30), List.of(new AlertConfig.Destination("file", AlertConfig.Kind.FILE,
                null, null, Set.of(), Set.of(), null, 0, null, null, null, List.of(), null, 0, file)));
        try (Store store = Store.open(StoreConfig.duckdb(tmp.resolve("s.duckdb")));
             Alerts alerts = new Alerts(cfg, store, new Metrics())) {
            alerts.onEvent(Phase.RAISED, snapshot(5, 0.5, false));
            alerts.onEvent(Phase.UPDATED, snapshot(15, 0.6, false));  // deeper, but 10 min after the last alert
            alerts.onEvent(Phase.UPDATED, snapshot(40, 0.8, false));  // deeper, 35 min later: sent
            alerts.onEvent(Phase.UPDATED, snapshot(90, 0.8, false));  // not deeper
            alerts.onEvent(Phase.UPDATED, snapshot(100, 1.0, false)); // deeper, 60 min later: sent
            alerts.onEvent(Phase.LOWERED, snapshot(571, 1.0, true));
            assertThat(alerts.drain(Duration.ofSeconds(10))).isTrue();
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).extracting(l -> json.readTree(l).get("phase").asText()).containsExactly("raised", "updated", "updated", "lowered");
        assertThat(json.readTree(lines.get(1)).get("text").asText()).contains("80% lost");
        assertThat(json.readTree(lines.get(2)).get("text").asText()).contains("100% lost");
        assertThat(json.readTree(lines.get(3)).get("text").asText()).isEqualTo(
                "outage country:KP restored after 9 h 31 min (2014-12-22 16:15Z → 2014-12-23 01:46Z)");
    }
}
