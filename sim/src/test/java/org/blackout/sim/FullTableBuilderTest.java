package org.blackout.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** Ranges become the prefixes an origin would announce; tables are valley-free and deterministic. */
class FullTableBuilderTest {

    private static List<String> split(String from, String to) {
        List<String> out = new ArrayList<>();
        RangeFile.split(IpAddress.parse(from), IpAddress.parse(to), p -> out.add(p.toString()));
        return out;
    }

    @Test
    void rangesSplitIntoCidrAndWidenToRoutableLengths() {
        assertThat(split("1.0.4.0", "1.0.7.255")).containsExactly("1.0.4.0/22");
        assertThat(split("10.0.1.0", "10.0.4.255")).containsExactly("10.0.1.0/24", "10.0.2.0/23", "10.0.4.0/24");
        assertThat(split("10.0.0.128", "10.0.0.191")).containsExactly("10.0.0.0/24"); // a /26 is announced as its /24
        assertThat(split("0.0.0.0", "255.255.255.255")).containsExactly("0.0.0.0/0");
        assertThat(split("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).containsExactly("2001:db8::/32");
        assertThat(split("2001:db8::", "2001:db8:0:0:ffff:ffff:ffff:ffff")).containsExactly("2001:db8::/48");
    }

    static AsGraph graph() {
        // tier-1s 1, 2 peer; 3, 4 their customers; 5, 6 stubs
        return new AsGraph.Builder()
                .add(1, 2, AsGraph.Rel.PEER_OF)
                .add(3, 1, AsGraph.Rel.CUSTOMER_OF).add(4, 2, AsGraph.Rel.CUSTOMER_OF)
                .add(5, 3, AsGraph.Rel.CUSTOMER_OF).add(6, 4, AsGraph.Rel.CUSTOMER_OF).add(6, 3, AsGraph.Rel.CUSTOMER_OF)
                .add(7, 3, AsGraph.Rel.CUSTOMER_OF).add(8, 3, AsGraph.Rel.CUSTOMER_OF).add(9, 3, AsGraph.Rel.CUSTOMER_OF)
                .add(10, 3, AsGraph.Rel.CUSTOMER_OF)
                .build();
    }

    @Test
    void tablesAreValleyFreeDeterministicAndCoverUnknownOrigins() throws Exception {
        String csv = """
                10.0.0.0,10.0.3.255,5,five
                10.1.0.0,10.1.0.255,6,six
                10.2.0.0,10.2.255.255,64999,newer than the graph
                2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,6,six
                """;
        TreeMap<Prefix, Integer> origins = new TreeMap<>();
        RangeFile.readCsv("test.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), origins::putIfAbsent);
        assertThat(origins).hasSize(4);
        AsGraph g = graph();
        FullTableBuilder b = new FullTableBuilder(g, 3);
        b.deaggregate(origins, 8);
        assertThat(origins).hasSize(8).containsEntry(Prefix.parse("10.0.0.0/23"), 5);
        Baseline t = b.build(origins, new int[] {1, 2, 4}, "test");
        Baseline again = new FullTableBuilder(g, 3).build(new TreeMap<>(origins), new int[] {1, 2, 4}, "test");
        for (int p = 0; p < t.peers().size(); p++) {
            for (int i = 0; i < t.prefixes().length; i++) {
                SimPath path = t.paths().get(t.routes()[p][i]);
                assertThat(path.asns()[0]).isEqualTo(t.peers().get(p).asn());
                assertThat(path.originAs()).isEqualTo(origins.get(t.prefixes()[i]));
                assertThat(path.toString()).isEqualTo(again.paths().get(again.routes()[p][i]).toString());
                int[] a = path.asns();
                int[] known = a[a.length - 1] == 64999 ? Arrays.copyOf(a, a.length - 1) : dedupe(a);
                assertThat(ValleyFreeRoutes.isValleyFree(g, known)).as(path.toString()).isTrue();
            }
        }
        // AS2 reaches stub 5 through its peer AS1 (peer route), not through AS4's other provider
        assertThat(t.paths().get(t.routes()[1][t.indexOf(Prefix.parse("10.0.0.0/22"))]).asns()).startsWith(2, 1, 3);
    }

    private static int[] dedupe(int[] a) {
        return Arrays.stream(a).distinct().toArray(); // prepends of the origin
    }
}
