package org.blackout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Rows.SignalRow;
import org.junit.jupiter.api.Test;

/** Stores written before JSON went through Jackson may hold "6." and NaN: the API still answers, in valid JSON. */
class LegacyBodiesTest {
    static final ObjectMapper STRICT = new ObjectMapper();

    @Test
    void anEventBodyWithATrailingDecimalPointIsRead() throws Exception {
        EventRow row = new EventRow("outage/as:1/0", "outage", "as:1", 0, 300, null, 6.00001,
                "{\"id\":\"outage/as:1/0\",\"severity\":6.,\"depth\":-0.,\"extent\":{\"slash24\":NaN},\"summary\":\"x\"}");
        JsonNode o = STRICT.readTree(EventResource.eventJson(row, false).toString());
        assertThat(o.get("severity").asDouble()).isEqualTo(6.00001);
        assertThat(o.get("depth").asDouble()).isZero();
        assertThat(o.get("summary").asText()).isEqualTo("x");
    }

    @Test
    void storedUpstreamsAreRewrittenValid() throws Exception {
        Timeline tl = Timeline.of(java.util.List.of(
                new SignalRow(0, 1, 1, 1, 1, 0, 0, "{\"4837\":1.0,\"3356\":NaN,\"174\":1.0E-4}"),
                new SignalRow(300, 1, 1, 1, 1, 0, 0, "not json"),
                new SignalRow(600, 1, 1, 1, 1, 0, 0, null)), 1);
        String body = new String(tl.json("as:1", "a", "b", 300, 0, 3), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode n = STRICT.readTree(body);
        assertThat(body).contains("\"upstream_changes\":[{\"t\":0,\"upstreams\":{\"4837\":1,\"3356\":null,\"174\":0.0001}}");
        assertThat(n.get("upstream_changes").get(1).get("upstreams").toString()).isEqualTo("{}");
        assertThat(n.get("upstreams").toString()).isEqualTo("{}");
    }
}
