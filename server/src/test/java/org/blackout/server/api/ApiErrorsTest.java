package org.blackout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blackout.server.Server;
import org.blackout.pipeline.config.BlackoutConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the API refuses: each gets a 4xx with a JSON body naming the parameter and, where they are
 * a short list, the values it takes; nothing reaches a 500, and a 503 tells nothing about the SQL.
 */
class ApiErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    Server server;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("serve.yml");
        Files.writeString(cfg, "store: {duckdb: %s}\nhttp: {listen: 127.0.0.1:0, token: s3cret}\n".formatted(dir.resolve("s.duckdb")));
        server = new Server(BlackoutConfig.load(cfg));
        base = "http://127.0.0.1:" + server.startHttp();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.uri() + " → " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.get("status").asInt()).isEqualTo(status);
        return j;
    }

    JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)));
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    JsonNode get(String path, int status) throws Exception {
        return error(send(HttpRequest.newBuilder(URI.create(base + path))), status);
    }

    HttpRequest.Builder prune(String query) {
        return HttpRequest.newBuilder(URI.create(base + "/api/admin/prune" + query)).header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void pruneWithoutBeforeIsA400NamingIt() throws Exception {
        JsonNode e = error(send(prune("")), 400);
        assertThat(e.get("error").asText()).isEqualTo("bad_request");
        assertThat(e.get("parameter").asText()).isEqualTo("before");
        assertThat(e.get("message").asText()).contains("missing parameter 'before'");
        assertThat(e.get("valid").toString()).contains("2014-12-22T16:15:00Z", "epoch seconds");
        assertThat(error(send(prune("?before=yesterday")), 400).get("parameter").asText()).isEqualTo("before");
        HttpResponse<String> ok = send(prune("?before=2014-12-22"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("deleted").asInt()).isZero();
    }

    @Test
    void outOfRangeTimesAre400s() throws Exception {
        for (String q : new String[] {"from=99999999999999999", "to=99999999999999999999999", "from=253402300800",
                "from=%2B100000-01-01T00:00:00Z", "to=-5"}) {
            JsonNode e = get("/api/signals?entity=KP&" + q, 400);
            assertThat(e.get("parameter").asText()).as(q).isIn("from", "to");
            assertThat(e.get("message").asText()).as(q).containsAnyOf("out of range", "not a time");
        }
        JsonNode e = get("/api/events?from=99999999999999999", 400);
        assertThat(e.get("message").asText()).contains("parameter 'from' is out of range", "9999-12-31T23:59:59Z");
        assertThat(error(send(prune("?before=99999999999999999")), 400).get("parameter").asText()).isEqualTo("before");
    }

    @Test
    void eventTypesAreTheStoredOnesAndOthersAreRefused() throws Exception {
        for (String t : new String[] {"outage", "instability", "upstream", "hijack", "feed", "leak"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/events?type=" + t)));
            assertThat(r.statusCode()).as(t + " → " + r.body()).isEqualTo(200);
        }
        for (String t : new String[] {"upstream_change", "feed_health", "nonsense", "a_b"}) {
            JsonNode e = get("/api/events?type=" + t, 400);
            assertThat(e.get("parameter").asText()).isEqualTo("type");
            assertThat(e.get("message").asText()).contains("outage, instability, upstream, hijack, feed, leak").doesNotContain("upstream_change,");
            assertThat(e.get("valid")).extracting(JsonNode::asText)
                    .containsExactly("outage", "instability", "upstream", "hijack", "feed", "leak");
        }
    }

    @Test
    void otherParametersNameThemselvesAndTheirValues() throws Exception {
        JsonNode kind = get("/api/entities?kind=planet", 400);
        assertThat(kind.get("parameter").asText()).isEqualTo("kind");
        assertThat(kind.get("valid")).extracting(JsonNode::asText).containsExactly("country", "as", "prefix");
        JsonNode open = get("/api/events?open=maybe", 400);
        assertThat(open.get("parameter").asText()).isEqualTo("open");
        assertThat(open.get("valid")).extracting(JsonNode::asText).containsExactly("true", "false");
        JsonNode unknown = get("/api/events?colour=red", 400);
        assertThat(unknown.get("parameter").asText()).isEqualTo("colour");
        assertThat(unknown.get("valid")).extracting(JsonNode::asText).contains("type", "entity", "from", "to", "open", "limit");
    }

    @Test
    void gzipAnswersSayTheyVaryByAcceptEncoding() throws Exception {
        server.store().addEntities(java.util.List.of(new org.blackout.server.store.Rows.EntityRow("country:KP", "country", "North Korea")), 0);
        HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(URI.create(base + "/api/signals?entity=KP"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gz.headers().allValues("vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        HttpResponse<String> plain = send(HttpRequest.newBuilder(URI.create(base + "/api/signals?entity=KP")));
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.headers().allValues("vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
    }

    @Test
    void unknownEntitiesAre404s() throws Exception {
        JsonNode e = get("/api/signals?entity=as:4200000000", 404);
        assertThat(e.get("message").asText()).contains("as:4200000000");
        assertThat(get("/api/signals?entity=as:4200000001&bin=1h", 404).get("error").asText()).isEqualTo("not_found");
        assertThat(get("/api/entities/as:4200000000", 404).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aStoreFailureIsA503WithoutSqlText() throws Exception {
        server.store().close();
        JsonNode e = get("/api/events", 503);
        assertThat(e.get("error").asText()).isEqualTo("store_unavailable");
        assertThat(e.get("message").asText()).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("select")
                .doesNotContainIgnoringCase("duckdb").doesNotContainIgnoringCase("connection");
    }

    @Test
    void significantEventsFirstAndBadScoresRefused() throws Exception {
        JsonNode e = get("/api/events?min_score=lots", 400);
        assertThat(e.get("parameter").asText()).isEqualTo("min_score");
        JsonNode s = get("/api/events?sort=random", 400);
        assertThat(s.get("parameter").asText()).isEqualTo("sort");
        assertThat(s.get("valid")).extracting(JsonNode::asText).containsExactly("time", "score");
        JsonNode all = ok("/api/events?sort=score&limit=1000");
        double previous = Double.MAX_VALUE;
        for (JsonNode ev : all.get("events")) {
            double score = ev.path("score").asDouble(0);
            assertThat(score).isLessThanOrEqualTo(previous);
            previous = score;
        }
        JsonNode some = get("/api/events?min_score=1000000", 400);
        assertThat(some.get("parameter").asText()).isEqualTo("min_score");
        JsonNode none = ok("/api/events?min_score=999999");
        assertThat(none.get("count").asInt()).isZero();
    }
}
