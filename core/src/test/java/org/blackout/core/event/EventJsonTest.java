package org.blackout.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The published JSON form and the text forms of an event. */
class EventJsonTest {
    static Event outage(Instant lowered) {
        Instant first = Instant.parse("2014-12-22T16:15:01Z");
        return new Event(Event.id(EventType.OUTAGE, "country:KP", first), EventType.OUTAGE, "country:KP", first,
                Instant.parse("2014-12-22T16:20:00Z"), lowered, lowered == null ? 300 : Duration.between(first, lowered).toSeconds(),
                9.5, 1.0, new Extent(4, 4, 1024, 40, 40), new Upstreams(List.of(4837L), List.of()),
                List.of(new Evidence(first, "route-views2", "192.0.2.7", 3491, "W", "175.45.176.0/24", "")),
                List.of(Hint.ALL_AT_ONCE, Hint.SINGLE_UPSTREAM), new TreeMap<>(Map.of("note", "say \"hi\"\n\\")), "all of 4 /24s lost");
    }

    @Test
    void fieldsAreSnakeCaseInRecordOrderWithNullWhileOpen() {
        String json = EventJson.json(outage(null));
        assertThat(json).startsWith("{\"id\":\"outage/country:KP/1419264901\",\"type\":\"outage\",\"entity\":\"country:KP\","
                + "\"first_evidence\":\"2014-12-22T16:15:01Z\",\"raised\":\"2014-12-22T16:20:00Z\",\"lowered\":null,\"duration_s\":300,");
        assertThat(json).contains("\"severity\":9.5,\"depth\":1,", "\"extent\":{\"prefixes\":4,\"slash24\":4,\"addresses\":1024,"
                + "\"peers_agreeing\":40,\"full_feed_peers\":40,\"known_prefixes\":0,\"peers_carrying\":40,\"lost\":[]}", "\"upstreams\":{\"before\":[4837],\"during\":[]}",
                "\"pattern\":[\"all_at_once\",\"single_upstream\"]", "\"kind\":\"W\"", "\"as_path\":\"\"");
        assertThat(json).contains("\"note\":\"say \\\"hi\\\"\\n\\\\\"").endsWith("\"summary\":\"all of 4 /24s lost\",\"score\":0}");
    }

    @Test
    void lifecycleLinesSayWhatHappened() {
        Event done = outage(Instant.parse("2014-12-23T01:46:00Z"));
        assertThat(EventText.restored(done)).isEqualTo("restored after 9 h 30 min");
        assertThat(EventText.lifecycle(EventSink.Phase.LOWERED, done)).contains("LOWERED  outage country:KP: restored after 9 h 30 min");
        assertThat(EventJson.json(EventSink.Phase.RAISED, done)).startsWith("{\"phase\":\"raised\",\"id\":");
        assertThat(EventText.duration(Duration.ofSeconds(40))).isEqualTo("40 s");
        assertThat(EventText.duration(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(EventText.table(done)).contains("outage", "country:KP", "9 h 30 min");
    }

    @Test
    void theLogKeepsTheLatestSnapshotOfEachEvent() {
        EventLog log = new EventLog();
        log.raised(outage(null));
        log.lowered(outage(Instant.parse("2014-12-23T01:46:00Z")));
        assertThat(log.events()).singleElement().satisfies(e -> assertThat(e.open()).isFalse());
    }
}
