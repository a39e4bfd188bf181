package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.server.store.Rows.SignalRow;
import org.blackout.server.store.Store;
import org.blackout.testkit.RisLiveServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with a live RIS Live source (a local stand-in streaming three peers' routes in data
 * time) is killed with SIGKILL mid-stream after an outage was raised, stored and alerted, and
 * started again on the same store while the stream goes on. The restarted server keeps the event
 * (one row, still open: the new engine never saw the prefixes, so it can neither lower nor raise
 * it again), sends no alert twice, stores every bin at most once and goes on storing the stream.
 */
class LiveKillTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PREFIXES = 40, WITHDRAW = 60; // step 60 = 30 min of data time, 30 s a step
    static final long T0 = (System.currentTimeMillis() / 1000 / 300 + 288) * 300; // a day ahead: data time leads the wall clock
    @TempDir Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    volatile int restoreAt = Integer.MAX_VALUE;
    final int[] killedAt = {0}, alertsAtKill = {0};

    static String message(long t, int peer, String body) {
        return "{\"type\":\"ris_message\",\"data\":{\"timestamp\":" + t + ",\"peer\":\"192.0.2." + peer + "\",\"peer_asn\":\""
                + (64_500 + peer) + "\",\"host\":\"rrc00\",\"type\":\"UPDATE\"," + body + "}}";
    }

    static String prefixes() {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < PREFIXES; i++) p.add("\"10.65." + i + ".0/24\"");
        return "[" + String.join(",", p) + "]";
    }

    /** Step i: every peer refreshes a route of AS64999 (traffic); step 0 and the restore announce AS65010's prefixes, WITHDRAW withdraws them. */
    List<String> step(int i) {
        long t = T0 + 30L * i;
        List<String> out = new ArrayList<>();
        for (int peer = 1; peer <= 3; peer++) {
            String path = "\"path\":[" + (64_500 + peer) + ",";
            out.add(message(t, peer, path + "64999],\"origin\":\"igp\",\"announcements\":[{\"next_hop\":\"192.0.2." + peer
                    + "\",\"prefixes\":[\"203.0.113.0/24\"]}]"));
            if (i == 0 || i == restoreAt) {
                out.add(message(t, peer, path + "65010],\"origin\":\"igp\",\"announcements\":[{\"next_hop\":\"192.0.2." + peer
                        + "\",\"prefixes\":" + prefixes() + "}]"));
            }
            if (i == WITHDRAW) out.add(message(t, peer, "\"withdrawals\":" + prefixes()));
        }
        return out;
    }

    Process child(Path yml) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LiveChild.class.getName(), yml.toString()).redirectError(dir.resolve("child.log").toFile()).start();
    }

    static int port(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        for (String line; (line = r.readLine()) != null; ) if (line.startsWith("port ")) return Integer.parseInt(line.substring(5));
        throw new AssertionError("the child exited before listening");
    }

    JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    static void await(Callable<Boolean> ok, String what) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!ok.call()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    List<String> alerts() throws Exception {
        Path f = dir.resolve("alerts.jsonl");
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    @Test
    void killedMidStreamAndRestarted() throws Exception {
        RisLiveServer.Stream stream = new RisLiveServer.Stream(this::step, 80, 100);
        try (RisLiveServer server = RisLiveServer.start(stream)) {
            int ris = server.port();
            Path yml = dir.resolve("serve.yml");
            Files.writeString(yml, """
                    sources:
                      ris_live: {url: "ws://127.0.0.1:%d/v1/ws/", stale_after: 30s, reconnect_min: 200ms, reconnect_max: 1s}
                    watch: ["as:65010"]
                    detectors: {warmup: 10m}
                    store: {duckdb: live.duckdb}
                    http: {listen: 127.0.0.1:0}
                    alerts:
                      destinations: [{name: log, type: file, path: alerts.jsonl}]
                    """.formatted(ris));
            Process first = child(yml);
            JsonNode raised;
            try {
                int api = port(first);
                await(() -> get(api, "/api/events?type=outage&entity=as:65010").path("events").size() > 0, "the outage stored");
                await(() -> alerts().stream().anyMatch(l -> l.contains("\"raised\"")), "the outage alerted");
                raised = get(api, "/api/events?type=outage&entity=as:65010").path("events").get(0);
                assertThat(raised.path("lowered").isNull()).as("open at the kill").isTrue();
                int before = stream.next.get();
                await(() -> stream.next.get() > before + 5, "the stream flowing");
            } finally {
                first.destroyForcibly().waitFor(); // SIGKILL
            }
            List<String> alertsAtKill = alerts();
            int killedAt = stream.next.get();
            this.killedAt[0] = killedAt;
            this.alertsAtKill[0] = alertsAtKill.size();
            stream.pauseAt = killedAt + 1000;
            Process second = child(yml);
            try {
                int api = port(second);
                await(() -> server.connections() >= 2, "the restarted server to subscribe");
                restoreAt = stream.next.get() + 20;
                stream.pauseAt = restoreAt + 40;
                await(() -> stream.next.get() >= stream.pauseAt, "the stream after the restore");
                long after = T0 + 30L * (restoreAt + 20);
                await(() -> {
                    JsonNode s = get(api, "/api/signals?entity=as:65010&from=" + (after - 600) + "&to=" + (after + 600));
                    for (JsonNode p : s.path("visible_prefixes")) if (p.asInt() == PREFIXES) return true;
                    return false;
                }, "the restarted server to store the restored prefixes");
                JsonNode events = get(api, "/api/events?type=outage&entity=as:65010").path("events");
                assertThat(events).as("the event survives the kill, once").hasSize(1);
                assertThat(events.get(0).path("id").asText()).isEqualTo(raised.path("id").asText());
                assertThat(events.get(0).path("lowered").isNull()).as("still open").isTrue();
            } finally {
                second.destroy(); // SIGTERM: a clean stop this time
                second.waitFor();
            }
            assertThat(alerts()).as("no alert sent again after the restart").isEqualTo(alertsAtKill);
            assertThat(alertsAtKill).filteredOn(l -> l.contains("\"phase\":\"raised\"")).hasSize(1);
        }
        try (Store store = Store.open(StoreConfig.duckdb(dir.resolve("live.duckdb")))) {
            Map<Long, Integer> bins = new HashMap<>();
            for (SignalRow r : store.signals("as:65010", 0, Long.MAX_VALUE / 2, 0)) bins.merge(r.t(), 1, Integer::sum);
            assertThat(bins.values()).as("no bin stored twice").allMatch(n -> n == 1);
            assertThat(bins.keySet()).as("bins from before the kill and after the restart")
                    .anyMatch(t -> t < T0 + 30L * WITHDRAW).anyMatch(t -> t > T0 + 30L * restoreAt);
            assertThat(store.count("events")).isEqualTo(1);
            System.err.printf("LiveKillTest: killed at step %d, restored at step %d; %d bins of as:65010 stored, %d alerts, events %d%n",
                    killedAt[0], restoreAt, bins.size(), alertsAtKill[0], store.count("events"));
        }
    }
}
