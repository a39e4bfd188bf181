package org.blackout.sim;

import org.blackout.wire.bgp.FsmState;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.blackout.wire.mrt.MrtWriter;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's records, read back by the reference reader, bgpdump. */
class MrtWriterTest {
    @TempDir Path dir;

    private static final IpAddress PEER = IpAddress.parse("192.0.2.7"), LOCAL = IpAddress.parse("198.18.0.1");
    private static final MrtWriter.Session S = new MrtWriter.Session(3856, 6447, PEER, LOCAL);

    @Test
    void updatesAndStateChangesReadByBgpdump() throws Exception {
        Prerequisites.require(Bgpdump.available(), "bgpdump not installed at /usr/bin/bgpdump");
        Path f = dir.resolve("updates.20141222.1615.gz");
        List<Prefix> kp = List.of(Prefix.parse("175.45.176.0/24"), Prefix.parse("175.45.177.0/24"));
        int[] longPath = new int[300]; // more than one AS_SEQUENCE segment, extended-length attribute
        for (int i = 0; i < longPath.length; i++) longPath[i] = 64512 + i;
        List<Prefix> many = new ArrayList<>();
        for (int i = 0; i < 1500; i++) many.add(Prefix.v4(0x0A000000 + (i << 8), 24)); // spills over several UPDATEs
        try (MrtWriter w = new MrtWriter(new GZIPOutputStream(Files.newOutputStream(f)))) {
            w.stateChange(1419264900_000001L, S, FsmState.IDLE, FsmState.CONNECT);
            w.announce(1419264900_500000L, S, MrtWriter.ORIGIN_INCOMPLETE, new int[] {3856, 4837, 131279}, PEER, kp);
            w.announce(1419264901_000000L, S, MrtWriter.ORIGIN_IGP, new int[] {3856, (int) 4200000000L},
                    IpAddress.parse("2001:db8::7"), List.of(Prefix.parse("2001:db8:1::/48"), Prefix.parse("2001:db8:2::/47")));
            w.announce(1419264902_000000L, S, MrtWriter.ORIGIN_IGP, longPath, PEER, List.of(Prefix.parse("10.255.0.0/16")));
            w.announce(1419264903_000000L, S, MrtWriter.ORIGIN_IGP, new int[] {3856, 65000}, PEER, many);
            w.withdraw(1419264904_000000L, S, kp);
            w.withdraw(1419264905_000000L, S, List.of(Prefix.parse("2001:db8:1::/48")));
            w.withdraw(1419264906_000000L, S, many);
        }
        List<String> rows = Bgpdump.rows(f);
        assertThat(rows.get(0)).isEqualTo("BGP4MP_ET|1419264900.000001|STATE|192.0.2.7|3856|1|2");
        assertThat(rows.get(1)).startsWith("BGP4MP_ET|1419264900.500000|A|192.0.2.7|3856|175.45.176.0/24|3856 4837 131279|INCOMPLETE|192.0.2.7|");
        assertThat(rows.get(2)).startsWith("BGP4MP_ET|1419264900.500000|A|192.0.2.7|3856|175.45.177.0/24|3856 4837 131279|INCOMPLETE|");
        assertThat(rows.get(3)).startsWith("BGP4MP_ET|1419264901.000000|A|192.0.2.7|3856|2001:db8:1::/48|3856 4200000000|IGP|2001:db8::7|");
        assertThat(rows.get(5)).contains("|10.255.0.0/16|64512 64513 64514");
        assertThat(rows.get(5).split("\\|")[6].split(" ")).hasSize(300);
        assertThat(rows.stream().filter(r -> r.contains("|A|") && r.contains("|3856 65000|"))).hasSize(1500);
        assertThat(rows.stream().filter(r -> r.contains("|W|"))).hasSize(2 + 1 + 1500);
        assertThat(rows).contains("BGP4MP_ET|1419264905.000000|W|192.0.2.7|3856|2001:db8:1::/48");
    }

    /** The hand-framed RIB record is byte for byte what the shared codec writes for the same record. */
    @Test
    void ribFramingMatchesTheSharedEncoder() throws Exception {
        byte[] attrs = MrtWriter.originAndAsPath(MrtWriter.ORIGIN_INCOMPLETE, new int[] {3856, 4837, 131279});
        byte[] nh = MrtWriter.nextHopV4(PEER), nh6 = MrtWriter.ribMpNextHop(IpAddress.parse("2001:db8::9"));
        for (Prefix p : List.of(Prefix.parse("175.45.176.0/24"), Prefix.parse("2001:db8:1::/48"), Prefix.parse("0.0.0.0/0"))) {
            byte[] second = p.v6() ? nh6 : nh;
            java.io.ByteArrayOutputStream mine = new java.io.ByteArrayOutputStream();
            MrtWriter w = new MrtWriter(mine);
            w.beginRib(1418947200, 77, p);
            w.ribEntry(0, 1418947000, attrs, second);
            w.ribEntry(3, 1418947001, attrs, second);
            w.endRib();
            // decode our bytes with the project's reader, re-encode with the shared encoder
            var reader = new org.blackout.wire.mrt.MrtReader(new java.io.ByteArrayInputStream(mine.toByteArray()), "mine");
            var rec = (org.blackout.wire.mrt.RibEntries) reader.next();
            assertThat(rec.prefix()).isEqualTo(p);
            assertThat(rec.entries()).extracting(e -> e.peerIndex()).containsExactly(0, 3);
            assertThat(rec.entries().getFirst().attributes().asPath().sequence()).containsExactly(3856, 4837, 131279);
            io.netty.buffer.ByteBuf theirs = io.netty.buffer.Unpooled.buffer();
            org.blackout.wire.mrt.MrtEncoder.encode(rec, theirs);
            byte[] t = new byte[theirs.readableBytes()];
            theirs.readBytes(t);
            assertThat(t).isEqualTo(mine.toByteArray());
        }
    }

    @Test
    void ribReadByBgpdump() throws Exception {
        Prerequisites.require(Bgpdump.available(), "bgpdump not installed at /usr/bin/bgpdump");
        Path f = dir.resolve("rib.20141219.0000.gz");
        List<MrtWriter.Peer> peers = List.of(new MrtWriter.Peer(1, PEER, 3856),
                new MrtWriter.Peer(2, IpAddress.parse("2001:db8::9"), (int) 4200000000L));
        byte[] attrs = MrtWriter.originAndAsPath(MrtWriter.ORIGIN_IGP, new int[] {3856, 4837, 131279});
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(f)); MrtWriter w = new MrtWriter(os)) {
            w.peerIndexTable(1418947200, 0xC6120001, "SIMULATED test", peers);
            w.beginRib(1418947200, 0, Prefix.parse("175.45.176.0/24"));
            w.ribEntry(0, 1418947000, attrs, MrtWriter.nextHopV4(PEER));
            w.ribEntry(1, 1418947100, attrs, MrtWriter.nextHopV4(PEER));
            w.endRib();
            w.beginRib(1418947200, 1, Prefix.parse("2001:db8:1::/48"));
            w.ribEntry(1, 1418947000, attrs, MrtWriter.ribMpNextHop(IpAddress.parse("2001:db8::9")));
            w.endRib();
        }
        List<String> rows = Bgpdump.rows(f);
        assertThat(rows).containsExactly(
                "TABLE_DUMP2|1418947200|B|192.0.2.7|3856|175.45.176.0/24|3856 4837 131279|IGP|192.0.2.7|0|0||NAG||",
                "TABLE_DUMP2|1418947200|B|2001:db8::9|4200000000|175.45.176.0/24|3856 4837 131279|IGP|192.0.2.7|0|0||NAG||",
                "TABLE_DUMP2|1418947200|B|2001:db8::9|4200000000|2001:db8:1::/48|3856 4837 131279|IGP|2001:db8::9|0|0||NAG||");
    }
}
