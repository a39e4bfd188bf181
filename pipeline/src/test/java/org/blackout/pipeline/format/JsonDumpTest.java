package org.blackout.pipeline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --format json: one object per route element, the same routes as bgpdump's rows. */
class JsonDumpTest {

    @Test
    void oneObjectPerRouteElement() throws Exception {
        Path f = BgpdumpTestSuiteTest.sharedMrt().resolve("bgpdump/test_data/updates.20160811.1600.gz");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Dumper.Result r = Dumper.run(List.of(f), Dumper.Format.JSON, false, out,
                new PrintStream(new ByteArrayOutputStream(), true));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(r.exitCode()).isZero();
        // bgpdump -m prints 41,234 rows for this file: 39,256 A, 1,956 W, 22 STATE
        assertThat(lines).hasSize(41_234).allSatisfy(l -> assertThat(l).startsWith("{\"time\":").endsWith("}"));
        assertThat(lines).filteredOn(l -> l.contains("\"type\":\"announce\"")).hasSize(39_256);
        assertThat(lines).filteredOn(l -> l.contains("\"type\":\"withdraw\"")).hasSize(1_956);
        assertThat(lines).filteredOn(l -> l.contains("\"type\":\"state\"")).hasSize(22);
        assertThat(lines.get(0)).isEqualTo("{\"time\":1470931200.000000,\"type\":\"announce\",\"peer\":\"2001:7f8:54::188\","
                + "\"peer_as\":59689,\"prefix\":\"2804:14d::/40\",\"path_id\":0,\"as_path\":\"59689 6939 3356 4230 28573\","
                + "\"origin\":\"IGP\",\"next_hop\":\"2001:7f8:54::10\",\"communities\":[\"59689:200\",\"59689:240\"]}");
    }
}
