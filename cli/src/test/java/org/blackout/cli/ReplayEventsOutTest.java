package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blackout replay --events-out}: the detectors' events as JSON lines, and as a table with --format table. */
class ReplayEventsOutTest {

    @Test
    void aQuietRealFileGivesOnlyFeedEvents(@TempDir Path dir) throws Exception {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path mrt = Path.of(base, "mrt/bgpdump/test_data/updates.20160811.1600.gz");
        Prerequisites.require(Files.exists(mrt), "missing " + mrt);
        Path events = dir.resolve("events.jsonl");
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("replay", "--watch", "all-ases", "--format", "table", "--progress=false",
                    "--events-out", events.toString(), mrt.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = json.readTree(l);
            assertThat(n.get("type").asText()).isEqualTo("feed");
            assertThat(n.get("entity").asText()).startsWith("peer:");
        }
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("events (" + lines.size() + ")", "first_evidence", "feed");
    }
}
