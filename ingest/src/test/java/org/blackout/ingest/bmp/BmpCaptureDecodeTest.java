package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.blackout.ingest.pcap.TcpStreams;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.BmpStreamReader;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes every BMP message of every BMP capture under shared/data/bmp (pmacct-test-automation's
 * Huawei, Cisco and 6WIND/FRR captures, NetGauze's) without an error, and counts them by type the
 * way tshark's BMP dissector does.
 */
class BmpCaptureDecodeTest {

    /** Messages by type and decode errors of one capture. */
    record Decoded(Map<Integer, Integer> byType, List<String> errors, List<String> cutAtEnd, long elements) {}

    /** Captures whose last message is cut short by the end of the capture (tshark does not count it either). */
    static final java.util.Set<String> CUT_AT_END =
            java.util.Set.of("pmacct-test-automation/202-BMP-CISCO-HUAWEI-multiple-sources/traffic-02.pcap");

    /**
     * Captures tshark 4.0 cannot dissect: it takes the first segment of this stream for BGP, reports
     * "BoundErrorUnreassembled" and stops; the stream has no holes and decodes to its last byte here.
     */
    static final java.util.Set<String> TSHARK_GIVES_UP =
            java.util.Set.of("netgauze/bmp/stateless-with-add-path/ipv4_unicast_all.pcap");

    static Decoded decode(BmpCaptures c) {
        Map<Integer, Integer> byType = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        long[] elements = {0};
        for (TcpStreams.Stream s : c.streams()) {
            assertThat(s.holes()).as("holes in " + s).isZero();
            BmpSession session = new BmpSession();
            BmpStreamReader.read(Unpooled.wrappedBuffer(s.payload()), session, new BmpStreamReader.Visitor() {
                @Override
                public void message(long offset, BmpMessage m) {
                    byType.merge(m.type(), 1, Integer::sum);
                    try {
                        BmpRouteElements.accept(m, 1, e -> elements[0]++);
                    } catch (DecodeException e) {
                        errors.add(s + " offset " + offset + ": " + e.getMessage());
                    }
                }

                @Override
                public void error(long offset, DecodeException e) {
                    (e.reason().startsWith("truncated: stream ends") ? cut : errors)
                            .add(s + " offset " + offset + ": " + e.getMessage());
                }
            });
        }
        return new Decoded(byType, errors, cut, elements[0]);
    }

    @TestFactory
    List<DynamicTest> everyCaptureDecodesAndMatchesTshark() {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        boolean tshark = Prerequisites.optional(tsharkPresent(),
                "tshark (apt-get install tshark): BMP message counts are not compared with it");
        List<DynamicTest> tests = new ArrayList<>();
        for (BmpCaptures c : BmpCaptures.all()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                Decoded d = decode(c);
                System.err.println(c.name() + ": " + d.byType() + ", " + d.elements() + " route elements");
                assertThat(d.errors()).as("decode errors in " + c.name()).isEmpty();
                assertThat(d.byType()).as("messages in " + c.name()).isNotEmpty();
                assertThat(d.cutAtEnd()).as("last message cut short in " + c.name())
                        .hasSize(CUT_AT_END.contains(c.name()) ? 1 : 0);
                if (!tshark) return;
                Map<Integer, Integer> theirs = tsharkCounts(c);
                if (TSHARK_GIVES_UP.contains(c.name())) {
                    theirs.forEach((type, n) -> assertThat(d.byType().get(type)).as("type " + type).isGreaterThanOrEqualTo(n));
                } else {
                    assertThat(d.byType()).as("by type vs tshark, " + c.name()).isEqualTo(theirs);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(15);
        return tests;
    }

    /**
     * NetGauze's BMP v4 capture whose Route Monitoring messages say themselves whether their NLRI
     * carry path identifiers (a BGP capability TLV with ADD-PATH): per peer and table, the router
     * receives with them from 1.1.1.1 (its Adj-RIB-In) but does not send with them to it, and sends
     * with them to 3.3.3.3 (Adj-RIB-Out). Reading them any other way gives other prefixes.
     */
    @org.junit.jupiter.api.Test
    void bmpV4CapabilityTlvSaysWhenNlriCarryPathIds() {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        BmpCaptures c = BmpCaptures.all().stream().filter(x -> x.name().contains("stateless-with-add-path"))
                .findFirst().orElseThrow();
        Map<String, Boolean> addPath = new TreeMap<>();
        java.util.Set<String> prefixes = new java.util.TreeSet<>();
        for (TcpStreams.Stream s : c.streams()) {
            BmpStreamReader.read(Unpooled.wrappedBuffer(s.payload()), new BmpSession(), new BmpStreamReader.Visitor() {
                @Override
                public void message(long offset, BmpMessage m) {
                    if (m instanceof org.blackout.wire.bmp.RouteMonitoring r && !r.update().nlri().isEmpty()) {
                        addPath.put(r.peer().address() + " " + r.peer().view(), r.addPath());
                        r.update().nlri().prefixes().forEach(p -> prefixes.add(p.toString()));
                    }
                }

                @Override
                public void error(long offset, DecodeException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(addPath).isEqualTo(Map.of(
                "0.0.0.0 LOC_RIB", false,
                "1.1.1.1 ADJ_RIB_IN_POST", true, "1.1.1.1 ADJ_RIB_IN_PRE", true,
                "1.1.1.1 ADJ_RIB_OUT_POST", false, "1.1.1.1 ADJ_RIB_OUT_PRE", false,
                "3.3.3.3 ADJ_RIB_OUT_POST", true, "3.3.3.3 ADJ_RIB_OUT_PRE", true));
        assertThat(prefixes).containsExactly("111.1.1.1/32", "111.1.1.2/32", "112.1.1.1/32");
    }

    static boolean tsharkPresent() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code tshark -d tcp.port==P,bmp -Y bmp -T fields -e bmp.type}, counted by type. */
    static Map<Integer, Integer> tsharkCounts(BmpCaptures c) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-o", "tcp.desegment_tcp_streams:TRUE"));
        for (int port : c.ports()) {
            cmd.add("-d");
            cmd.add("tcp.port==" + port + ",bmp");
        }
        cmd.addAll(List.of("-r", c.pcap().toString(), "-Y", "bmp", "-T", "fields", "-e", "bmp.type"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (String line : out.split("\n")) {
            for (String t : line.split(",")) {
                if (!t.isBlank()) counts.merge(Integer.parseInt(t.trim()), 1, Integer::sum);
            }
        }
        return counts;
    }
}
