package org.blackout.wire.mrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing and recovery on real update files. */
class MrtReaderTest {
    static final String UPDATES = "bgpdump/test_data/updates.20020722.2238.gz";

    record Run(List<MrtRecord> records, List<MrtDecodeException> errors, long skipped, long repaired) {}

    static Run read(byte[] data) throws IOException {
        List<MrtRecord> out = new ArrayList<>();
        List<MrtDecodeException> errors = new ArrayList<>();
        try (MrtReader r = new MrtReader(new ByteArrayInputStream(data), "test.mrt")) {
            r.onError(errors::add);
            MrtRecord rec;
            while ((rec = r.next()) != null) out.add(rec);
            return new Run(out, errors, r.skipped(), r.repaired());
        }
    }

    @Test
    void readsEveryRecordOfACleanFile() throws IOException {
        Run run = read(SharedData.gunzip(UPDATES));
        assertThat(run.errors()).isEmpty();
        assertThat(run.records()).hasSizeGreaterThan(1000);
        assertThat(run.records()).allSatisfy(r -> assertThat(r.header().type()).isEqualTo(MrtType.BGP4MP.code()));
        assertThat(run.records()).filteredOn(r -> r instanceof Bgp4mpStateChange).isNotEmpty();
    }

    @Test
    void garbageBetweenRecordsIsReportedWithItsOffsetAndSkipped() throws IOException {
        byte[] clean = SharedData.gunzip(UPDATES);
        int cut = boundaryAfter(clean, 100);
        byte[] junk = new byte[37];
        Arrays.fill(junk, (byte) 0x5a);
        byte[] damaged = concat(Arrays.copyOf(clean, cut), junk, Arrays.copyOfRange(clean, cut, clean.length));
        Run good = read(clean), bad = read(damaged);
        assertThat(bad.records()).hasSameSizeAs(good.records());
        assertThat(bad.skipped()).isEqualTo(1);
        assertThat(bad.errors().get(0).offset()).isEqualTo(cut);
        assertThat(bad.errors().get(0).source()).isEqualTo("test.mrt");
        assertThat(bad.errors()).anySatisfy(e -> assertThat(e.reason()).contains("skipped 37 bytes"));
    }

    @Test
    void aLengthFieldFourBytesShortIsRepaired() throws IOException {
        byte[] clean = SharedData.gunzip(UPDATES);
        int at = boundaryAfter(clean, 10);
        // append 4 bytes to record 10's body without updating its length (as early RIS dumps did)
        int len = (int) u32(clean, at + 8);
        byte[] damaged = concat(Arrays.copyOf(clean, at + 12 + len), new byte[4],
                Arrays.copyOfRange(clean, at + 12 + len, clean.length));
        Run run = read(damaged);
        assertThat(run.records()).hasSameSizeAs(read(clean).records());
        assertThat(run.skipped()).isZero();
        assertThat(run.repaired()).isEqualTo(1);
        assertThat(run.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(at);
            assertThat(e.field()).isEqualTo("length");
        });
    }

    @Test
    void aTruncatedStreamEndsWithOneReport() throws IOException {
        byte[] clean = SharedData.gunzip(UPDATES);
        int at = boundaryAfter(clean, 500);
        Run run = read(Arrays.copyOf(clean, at + 20));
        assertThat(run.records()).hasSize(500);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(run.errors()).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(at);
            assertThat(e.reason()).contains("truncated");
        });
    }

    @Test
    void earlyRisTableDumpBatchesAreReadWhole() throws IOException {
        // every record of this 2000 RIS dump batches many entries and declares 4 bytes too few
        byte[] data = SharedData.gunzip("bgpkit-parser/ripe/rrc00/2000.01/bview.20000111.0032.gz");
        byte[] head = Arrays.copyOf(data, boundaryAfterQuirky(data, 20));
        Run run = read(head);
        assertThat(run.skipped()).isZero();
        assertThat(run.repaired()).isEqualTo(20);
        assertThat(run.records()).hasSizeGreaterThan(20 * 100).allSatisfy(r -> assertThat(r).isInstanceOf(TableDump.class));
        TableDump first = (TableDump) run.records().get(0);
        assertThat(first.prefix()).hasToString("3.0.0.0/8");
        assertThat(first.peerAs()).isEqualTo(3549);
        assertThat(first.attributes().asPath()).hasToString("3549 701 80");
    }

    /** Offset of record {@code n} (0-based) by the declared lengths. */
    static int boundaryAfter(byte[] d, int n) {
        int off = 0;
        for (int i = 0; i < n; i++) off += 12 + (int) u32(d, off + 8);
        return off;
    }

    static int boundaryAfterQuirky(byte[] d, int n) {
        int off = 0;
        for (int i = 0; i < n; i++) off += 12 + (int) u32(d, off + 8) + 4;
        return off;
    }

    static long u32(byte[] d, int at) {
        return ((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int k = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
