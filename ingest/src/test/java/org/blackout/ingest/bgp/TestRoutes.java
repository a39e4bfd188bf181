package org.blackout.ingest.bgp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.blackout.wire.mrt.MrtWriter;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** The generated routes the daemons export: IPv4 /24s under 10/8 and IPv6 /48s under 2001:db8::/32. */
public final class TestRoutes {
    private TestRoutes() {}

    static Prefix v4(int i) {
        return Prefix.parse("10." + (i >> 8) + "." + (i & 0xff) + ".0/24");
    }

    static Prefix v6(int i) {
        return Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48");
    }

    static List<Prefix> v4(int n, IntPredicate keep) {
        List<Prefix> l = new ArrayList<>();
        for (int i = 0; i < n; i++) if (keep.test(i)) l.add(v4(i));
        return l;
    }

    static List<Prefix> v6(int n, IntPredicate keep) {
        List<Prefix> l = new ArrayList<>();
        for (int i = 0; i < n; i++) if (keep.test(i)) l.add(v6(i));
        return l;
    }

    /**
     * MP_REACH_NLRI in the UPDATE form (AFI, SAFI, next hop, NLRI) rather than RFC 6396's abbreviated
     * form: GoBGP's {@code mrt inject} only reads this one.
     */
    private static byte[] fullMpReach(IpAddress nextHop, Prefix p) {
        int plen = (p.length() + 7) / 8;
        byte[] b = new byte[3 + 2 + 1 + 1 + 16 + 1 + 1 + plen];
        int i = 0;
        b[i++] = (byte) 0x80;
        b[i++] = 14;
        b[i++] = (byte) (b.length - 3);
        b[i++] = 0;
        b[i++] = 2;
        b[i++] = 1;
        b[i++] = 16;
        for (int k = 0; k < 8; k++) b[i++] = (byte) (nextHop.hi() >>> (56 - 8 * k));
        for (int k = 0; k < 8; k++) b[i++] = (byte) (nextHop.lo() >>> (56 - 8 * k));
        b[i++] = 0;
        b[i++] = (byte) p.length();
        for (int k = 0; k < plen; k++) b[i++] = (byte) (k < 8 ? p.hi() >>> (56 - 8 * k) : p.lo() >>> (120 - 8 * k));
        return b;
    }

    /** A TABLE_DUMP_V2 file (for {@code gobgp mrt inject}): each prefix from AS 64512 + i % 100, via 192.0.2.9 / 2001:db8::9. */
    public static Path ribFile(Path file, int nV4, int nV6) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); MrtWriter w = new MrtWriter(out)) {
            int t = 1_700_000_000;
            w.peerIndexTable(t, IpAddress.parse("192.0.2.1").v4Address(), "test",
                    List.of(new MrtWriter.Peer(IpAddress.parse("192.0.2.9").v4Address(), IpAddress.parse("192.0.2.9"), 64999)));
            int seq = 0;
            for (int i = 0; i < nV4; i++) {
                w.beginRib(t, seq++, v4(i));
                w.ribEntry(0, t, MrtWriter.originAndAsPath(MrtWriter.ORIGIN_IGP, new int[] {64999, 64512 + i % 100}),
                        MrtWriter.nextHopV4(IpAddress.parse("192.0.2.9")));
                w.endRib();
            }
            for (int i = 0; i < nV6; i++) {
                w.beginRib(t, seq++, v6(i));
                w.ribEntry(0, t, MrtWriter.originAndAsPath(MrtWriter.ORIGIN_IGP, new int[] {64999, 64512 + i % 100}),
                        fullMpReach(IpAddress.parse("2001:db8::9"), v6(i)));
                w.endRib();
            }
        }
        return file;
    }
}
