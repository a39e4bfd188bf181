package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario on a synthetic full-table baseline, in RIS layout, end to end through bgpdump. */
class FullTableScenarioTest {
    @TempDir Path dir;

    @Test
    void hijackAndSessionResetOnSyntheticTables() throws Exception {
        Files.writeString(dir.resolve("ranges.csv"), """
                10.0.0.0,10.0.3.255,5,five
                10.1.0.0,10.1.0.255,6,six
                10.2.0.0,10.2.255.255,64999,newer than the graph
                2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,6,six
                """);
        // a made-up graph in the thunderwolf convention (1: AS1 is AS2's customer)
        Files.writeString(dir.resolve("rel.txt"), """
                # test graph
                1|2|0
                3|1|1
                4|2|1
                5|3|1
                6|4|1
                7|3|1
                8|3|1
                9|3|1
                10|3|1
                11|4|1
                """);
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, """
                name: synthetic
                start: 2026-06-18T00:00:00Z
                end: 2026-06-18T01:00:00Z
                baseline:
                  full_table: {ranges: ranges.csv, asrel: rel.txt, prefixes: 10}
                peers: 3
                output: {layout: ris, update_interval: 5m}
                timeline:
                  - {action: hijack, at: 2026-06-18T00:10:00Z, duration: 20m, entity: {as: 5}, origin: 6, more_specific: true}
                  - {action: session_down, at: 2026-06-18T00:40:00Z, duration: 5m, peers: [0]}
                  - {action: churn, rate: 1/min}
                """);
        Scenario sc = ScenarioParser.parse(yaml);
        Simulation.Result r = Simulation.run(sc, dir.resolve("out"), System.err);
        List<String> names = r.files().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSize(1 + 12).startsWith("bview.20260618.0000.gz", "updates.20260618.0000.gz");
        assertThat(r.baseline().prefixes()).hasSize(10);
        assertThat(Files.readString(dir.resolve("out/truth.jsonl"))).contains("\"type\":\"hijack\"", "\"type\":\"session_down\"", "\"type\":\"churn\"");
        Prerequisites.require(Bgpdump.available(), "bgpdump not installed at /usr/bin/bgpdump");
        List<String> rib = Bgpdump.rows(r.files().getFirst());
        assertThat(rib).hasSize(30).allSatisfy(row -> assertThat(row).startsWith("TABLE_DUMP2|1781740800|B|192.0.2."));
        List<String> hijack = Bgpdump.rows(dir.resolve("out/updates.20260618.0010.gz"));
        // the more-specifics of AS5's prefixes, announced with origin AS6, seen by all three peers
        assertThat(hijack.stream().filter(row -> row.contains("|A|") && row.split("\\|")[6].endsWith(" 6") && row.contains("|10.0.")))
                .extracting(row -> row.split("\\|")[3]).containsOnly("192.0.2.1", "192.0.2.2", "192.0.2.3");
        List<String> reset = Bgpdump.rows(dir.resolve("out/updates.20260618.0040.gz"));
        assertThat(reset.stream().filter(row -> row.contains("|STATE|192.0.2.1|"))).hasSize(1).allSatisfy(row -> assertThat(row).endsWith("|6|1"));
        for (Path f : r.files()) Bgpdump.rows(f); // every file reads without error
    }
}
