package org.blackout.ingest.mrt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blackout.wire.mrt.MrtEncoder;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * encode(decode(x)) == x, byte for byte, for every record of every MRT file under
 * {@code ../shared/data/mrt} (plain, gzip and bzip2, opened by {@link MrtFiles}; the truncated bz2
 * streams up to the truncation). Records are read with {@link MrtReader}; the records decoded from
 * one physical record are encoded together and compared with that record's bytes. A record whose
 * declared length the reader repaired must re-encode with the corrected length; records the reader
 * skips as damaged were never decoded; a record whose BGP message the recorder cut short (the reader
 * keeps its whole prefixes and warns) re-encodes as the whole message of what was kept, which must
 * decode to the same records. Everything else must come back unchanged.
 */
class RoundTripTest {

    /**
     * Files whose every record declares a wrong length, which the reader repairs (early RIS TABLE_DUMP
     * records declare 4 bytes fewer than written, see the fixtures' README), with the least number of
     * records expected: they must re-encode exactly but for the length field, which the encoder
     * writes right. In every other file every record must re-encode byte for byte; nothing is excluded.
     */
    static final Map<String, Long> REPAIRED = Map.of("bgpkit-parser/ripe/rrc00/2000.01/bview.20000111.0032.gz", 2400L);

    @TestFactory
    Stream<DynamicTest> everyRecordOfEverySharedMrtFile() throws IOException {
        String s = System.getProperty("blackout.shared");
        Prerequisites.require(s != null && Files.isDirectory(Path.of(s, "mrt")), "blackout.shared not set or absent");
        Path root = Path.of(s, "mrt");
        List<Path> files;
        try (Stream<Path> w = Files.walk(root)) {
            files = w.filter(Files::isRegularFile).filter(RoundTripTest::isMrt).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        return files.stream().map(f -> {
            String name = root.relativize(f).toString();
            return DynamicTest.dynamicTest(name, () -> {
                Tally t;
                try (InputStream in = MrtFiles.open(f)) {
                    t = roundTrip(in, name);
                }
                assertThat(t.mismatches).as("records of %s that do not re-encode", name).isEmpty();
                assertThat(t.physical).as("records decoded from %s", name).isPositive();
                if (REPAIRED.containsKey(name)) {
                    assertThat(t.repaired).as("records of %s with a repaired length", name).isEqualTo(t.physical)
                            .isGreaterThanOrEqualTo(REPAIRED.get(name));
                } else {
                    assertThat(t.exact).as("records of %s re-encoded byte for byte", name).isEqualTo(t.physical - t.salvaged);
                }
                assertThat(t.salvaged).as("records of %s salvaged, as the reader reported", name).isEqualTo(t.reportedSalvaged);
            });
        });
    }

    /** MRT files: everything but the configs and READMEs that sit beside them. */
    static boolean isMrt(Path p) {
        String n = p.getFileName().toString();
        return !(n.endsWith(".md") || n.endsWith(".rst") || n.endsWith(".conf") || n.endsWith(".txt"))
                && !p.toString().contains("test_expect");
    }

    /** Counts per file; {@code mismatches} holds the first few, readable. */
    static final class Tally {
        long physical, exact, repaired, salvaged, reportedSalvaged;
        final List<String> mismatches = new ArrayList<>();
    }

    static Tally roundTrip(InputStream in, String name) throws IOException {
        Tally t = new Tally();
        MrtReader reader = new MrtReader(in, name);
        reader.keepRawRecords(true);
        List<MrtRecord> group = new ArrayList<>();
        byte[] raw = null;
        long physical = -1, salvagedSoFar = 0;
        boolean salvaged = false;
        ByteBuf out = Unpooled.buffer(1 << 16);
        for (MrtRecord r; (r = reader.next()) != null; ) {
            if (reader.records() != physical) {
                if (!group.isEmpty()) compare(group, raw, salvaged, out, t, name);
                group.clear();
                physical = reader.records();
                raw = reader.rawRecord();
                salvaged = reader.salvaged() != salvagedSoFar;
                salvagedSoFar = reader.salvaged();
            }
            group.add(r);
        }
        if (!group.isEmpty()) compare(group, raw, salvaged, out, t, name);
        t.reportedSalvaged = reader.salvaged();
        return t;
    }

    private static void compare(List<MrtRecord> group, byte[] raw, boolean salvaged, ByteBuf out, Tally t, String name)
            throws IOException {
        t.physical++;
        out.clear();
        MrtEncoder.encode(group, out);
        byte[] enc = ByteBufUtil.getBytes(out);
        if (salvaged) {
            // what was kept of a cut message is a whole message now: it must read back as the same records
            MrtReader again = new MrtReader(new java.io.ByteArrayInputStream(enc), name + " (salvaged, re-encoded)");
            List<MrtRecord> back = new ArrayList<>();
            for (MrtRecord r; (r = again.next()) != null; ) back.add(r);
            if (sameButLength(back, group) && again.skipped() == 0 && again.salvaged() == 0) {
                t.salvaged++;
                return;
            }
        }
        if (Arrays.equals(enc, raw)) {
            t.exact++;
            return;
        }
        // a repaired length: the encoder writes the length of the body it wrote
        byte[] fixed = raw.clone();
        int body = raw.length - 12;
        fixed[8] = (byte) (body >>> 24);
        fixed[9] = (byte) (body >>> 16);
        fixed[10] = (byte) (body >>> 8);
        fixed[11] = (byte) body;
        if (!Arrays.equals(raw, fixed) && Arrays.equals(enc, fixed)) {
            t.repaired++;
            return;
        }
        if (t.mismatches.size() < 5) {
            int at = Arrays.mismatch(enc, raw);
            int from = Math.max(0, at - 16);
            String g = group.toString();
            t.mismatches.add(name + " record " + t.physical + " " + group.getFirst().header()
                    + ": first difference at byte " + at + " of " + raw.length + " (encoded " + enc.length + ")\n  raw "
                    + ByteBufUtil.hexDump(raw, from, Math.min(48, raw.length - from)) + "\n  enc "
                    + ByteBufUtil.hexDump(enc, from, Math.max(0, Math.min(48, enc.length - from))) + "\n  "
                    + (g.length() > 2000 ? g.substring(0, 2000) + "..." : g));
        } else if (t.mismatches.size() == 5) {
            t.mismatches.add("... and more");
        }
    }

    /** Equal records but for the header's length field (a re-encoded cut message is shorter). */
    private static boolean sameButLength(List<MrtRecord> a, List<MrtRecord> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof org.blackout.wire.mrt.Bgp4mpMessage x)
                    || !(b.get(i) instanceof org.blackout.wire.mrt.Bgp4mpMessage y)) {
                if (!a.get(i).equals(b.get(i))) return false;
                continue;
            }
            if (x.header().timestamp() != y.header().timestamp() || x.header().microseconds() != y.header().microseconds() || x.header().type() != y.header().type()
                    || x.header().subtype() != y.header().subtype() || x.peerAs() != y.peerAs()
                    || x.localAs() != y.localAs() || !x.peerAddress().equals(y.peerAddress())
                    || !x.localAddress().equals(y.localAddress()) || !x.message().equals(y.message())) {
                return false;
            }
        }
        return true;
    }
}
