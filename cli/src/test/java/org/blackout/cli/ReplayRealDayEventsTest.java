package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --events-out} on a real day (route-views2, 23 Feb 2008, every country, every RIR
 * file): every line is valid JSON with the event fields (hand-written numbers such as
 * {@code "severity":6.,} once broke every consumer).
 */
class ReplayRealDayEventsTest {

    @Test
    void everyEventLineOfARealDayIsValidJson(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--rir", Prerequisites.sharedData("rir").toString(),
                "--watch", "all-countries", "--format", "csv", "--progress=false", "--events-out", dir.resolve("events.jsonl").toString()));
        try (Stream<Path> s = Files.list(Prerequisites.sharedData("mrt/routeviews-2008-02"))) {
            List<Path> day = s.filter(f -> f.getFileName().toString().startsWith("updates.20080223.")).sorted().toList();
            assertThat(day).as("a day of 15-minute files").hasSizeGreaterThanOrEqualTo(90);
            day.forEach(f -> args.add(f.toString()));
        }
        PrintStream stdout = System.out;
        CliRun r;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            r = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(lines).as("a real day has events").isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = json.readTree(l); // throws on anything that is not one JSON value
            assertThat(n.isObject()).as(l).isTrue();
            assertThat(n.get("severity").isNumber() || n.get("severity").isNull()).as(l).isTrue();
            assertThat(n.get("score").isNumber()).as(l).isTrue();
            assertThat(n.get("type").asText()).as(l).isNotEmpty();
            assertThat(n.get("entity").asText()).as(l).contains(":");
            assertThat(n.get("raised").asText()).as(l).startsWith("2008-02-2");
        }
    }
}
