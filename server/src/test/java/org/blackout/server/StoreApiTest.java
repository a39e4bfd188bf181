package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The KP scenario replayed into DuckDB by the server, then read back through the HTTP API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Server server;
    HttpClient http = HttpClient.newHttpClient();
    String base;

    @BeforeAll
    void start() throws Exception {
        KpFixture.Shared s = KpFixture.shared();
        server = s.server();
        base = s.base();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void kpTimelineShowsTheOutage() throws Exception {
        JsonNode t = json("/api/signals?entity=KP&from=2014-12-22T06:00:00Z&to=2014-12-23T04:00:00Z", 200);
        assertThat(t.get("entity").asText()).isEqualTo("country:KP");
        assertThat(t.get("bin_seconds").asLong()).isEqualTo(300);
        JsonNode times = t.get("t"), vis = t.get("visible_slash24"), peers = t.get("peers_seeing");
        assertThat(times.size()).isEqualTo(t.get("count").asInt()).isGreaterThan(150);
        long before = Instant.parse("2014-12-22T06:30:00Z").getEpochSecond(); // before the flapping
        long during = Instant.parse("2014-12-22T20:00:00Z").getEpochSecond();
        long after = Instant.parse("2014-12-23T03:00:00Z").getEpochSecond();
        for (int i = 0; i < times.size(); i++) {
            long ts = times.get(i).asLong();
            if (ts == before || ts == after) assertThat(vis.get(i).asDouble()).as("visible /24s at " + ts).isEqualTo(4);
            if (ts == during) {
                assertThat(vis.get(i).asDouble()).as("visible during the outage").isZero();
                assertThat(peers.get(i).asInt()).isZero();
            }
        }
        assertThat(t.get("upstreams").has("4837")).as("KP's border AS").isTrue();
    }

    @Test
    void kpOutageEventIsRaisedAndLowered() throws Exception {
        JsonNode list = json("/api/events?entity=KP&type=outage", 200).get("events");
        assertThat(list.size()).as(list.toString()).isEqualTo(1);
        JsonNode e = list.get(0);
        assertThat(e.get("open").asBoolean()).isFalse();
        long first = Instant.parse(e.get("first_evidence").asText()).getEpochSecond();
        long raised = Instant.parse(e.get("raised").asText()).getEpochSecond();
        long lowered = Instant.parse(e.get("lowered").asText()).getEpochSecond();
        assertThat(first).isBetween(Instant.parse("2014-12-22T16:10:00Z").getEpochSecond(), Instant.parse("2014-12-22T16:25:00Z").getEpochSecond());
        assertThat(raised).isGreaterThanOrEqualTo(first).isLessThan(first + 1800);
        assertThat(lowered).isBetween(Instant.parse("2014-12-23T01:45:00Z").getEpochSecond(), Instant.parse("2014-12-23T02:00:00Z").getEpochSecond());
        assertThat(e.has("evidence")).as("list omits evidence").isFalse();
        JsonNode one = json("/api/events/" + e.get("id").asText(), 200);
        assertThat(one.get("evidence").size()).isPositive();
        assertThat(one.get("upstreams").get("before").toString()).contains("4837");
        assertThat(json("/api/events?open=true&type=outage", 200).get("count").asInt()).isZero();
        assertThat(json("/api/events?entity=KP&from=2014-12-23T03:00:00Z", 200).get("events").findValuesAsText("type")).doesNotContain("outage");
    }

    @Test
    void rebinnedTimelineAverages() throws Exception {
        JsonNode t = json("/api/signals?entity=country:KP&from=2014-12-22T12:00:00Z&to=2014-12-23T00:00:00Z&bin=1h", 200);
        assertThat(t.get("bin_seconds").asLong()).isEqualTo(3600);
        assertThat(t.get("count").asInt()).isEqualTo(12);
        assertThat(t.get("t").get(0).asLong() % 3600).isZero();
    }

    @Test
    void entitySearch() throws Exception {
        JsonNode kp = json("/api/entities?q=KP", 200).get("entities");
        assertThat(kp.get(0).get("id").asText()).isEqualTo("country:KP");
        assertThat(kp.get(0).get("name").asText()).contains("Korea");
        assertThat(json("/api/entities?q=korea&kind=country", 200).get("entities").findValuesAsText("id")).contains("country:KP", "country:KR");
        assertThat(json("/api/entities?q=AS131279", 200).get("entities").get(0).get("id").asText()).isEqualTo("as:131279");
        assertThat(json("/api/entities?q=175.45.176", 200).get("entities").get(0).get("id").asText()).isEqualTo("prefix:175.45.176.0/22");
        JsonNode one = json("/api/entities/country:KP", 200);
        assertThat(one.get("latest").get("visible_slash24").asDouble()).isEqualTo(4);
    }

    @Test
    void feedsListPeers() throws Exception {
        JsonNode f = json("/api/feeds", 200);
        assertThat(f.get("summary").get("peers").asInt()).isEqualTo(12);
        assertThat(f.get("summary").get("full_feed").asInt()).isEqualTo(12);
        assertThat(f.get("peers").get(0).get("state").asText()).isEqualTo("up");
    }

    @Test
    void healthAndMetrics() throws Exception {
        JsonNode h = json("/health", 200);
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("last_bin").asText()).startsWith("2014-12-23T03:5");
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("blackout_routes_total{source=").contains("blackout_peers_up 12").contains("blackout_engine_lag_seconds")
                .contains("blackout_queue_depth{queue=\"store\"} 0.0").contains("blackout_events_open{type=\"outage\"} 0.0");
        for (String line : m.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            assertThat(line).as("Prometheus sample line").matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? -?[0-9.eE+\\-]+|.* NaN|.* [+-]Inf");
        }
    }

    @Test
    void badRequestsAreJsonErrors() throws Exception {
        assertThat(json("/api/signals?entity=country:KPX", 400).get("message").asText()).contains("country code");
        assertThat(json("/api/signals", 400).get("message").asText()).contains("missing parameter 'entity'");
        assertThat(json("/api/signals?entity=KP&from=2014-12-23&to=2014-12-22", 400).get("message").asText()).contains("before");
        assertThat(json("/api/signals?entity=KP&from=yesterday", 400).get("message").asText()).contains("not a time");
        assertThat(json("/api/signals?entity=KP&bin=7m", 400).get("message").asText()).contains("multiple");
        assertThat(json("/api/signals?entity=KP&bogus=1", 400).get("message").asText()).contains("unknown parameter 'bogus'");
        assertThat(json("/api/signals?entity=KP%27%3B%20DROP%20TABLE%20signals", 400).get("error").asText()).isEqualTo("bad_request");
        assertThat(json("/api/events?open=maybe", 400).get("message").asText()).contains("true or false");
        assertThat(json("/api/events/%3Cscript%3E", 400).get("error").asText()).isEqualTo("bad_request");
        assertThat(json("/api/events/outage/country:KP/1", 404).get("error").asText()).isEqualTo("not_found");
        assertThat(json("/api/entities/as:4294967296", 400).get("message").asText()).contains("AS number");
        assertThat(json("/api/nothing-here", 404).get("error").asText()).isEqualTo("not_found");
        assertThat(server.store().count("signals")).as("the injection attempt reached no query").isGreaterThan(0);
    }

    @Test
    void openApiDescribesEveryRoute() throws Exception {
        HttpResponse<String> r = get("/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode spec = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(r.body());
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("paths").fieldNames()).toIterable().contains("/health", "/api/entities", "/api/entities/{id}",
                "/api/signals", "/api/events", "/api/events/{id}", "/api/feeds", "/api/overview", "/api/admin/{action}", "/metrics");
    }

    @Test
    void changesNeedTheToken() throws Exception {
        var post = HttpRequest.newBuilder(URI.create(base + "/api/admin/prune?before=0")).POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> none = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(post.header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/prune?before=0"))
                .header("Authorization", "Bearer s3cret").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("deleted").asInt()).isZero();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signals?entity=KP"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isIn(404, 405);
    }
}
