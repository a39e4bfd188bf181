package org.blackout.wire.mrt;

import org.blackout.wire.bgp.FsmState;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Writes the MRT records a collector writes (RFC 6396): TABLE_DUMP_V2 PEER_INDEX_TABLE and
 * RIB_IPV4_UNICAST / RIB_IPV6_UNICAST for RIB dumps, BGP4MP_ET MESSAGE_AS4 (UPDATE) and
 * STATE_CHANGE_AS4 for update files. All AS numbers are 4 bytes. Records and attributes are
 * encoded by the shared codec ({@link MrtEncoder}, {@link BgpEncoder}); only the RIB record
 * framing is written here, because a full-size RIB has tens of millions of entries whose
 * attributes the caller encodes once per distinct path and reuses ({@link #ribEntry}). A test
 * checks that framing against {@link MrtEncoder}. The caller owns compression and file naming.
 * Not thread-safe; one writer per stream.
 */
public final class MrtWriter implements Closeable {

    /** ORIGIN attribute values (RFC 4271 section 5.1.1). */
    public static final int ORIGIN_IGP = 0, ORIGIN_EGP = 1, ORIGIN_INCOMPLETE = 2;

    /** BGP messages are at most 4096 bytes (RFC 4271 section 4.1). */
    public static final int MAX_MESSAGE = 4096;

    private static final int AFI_IPV4 = 1, AFI_IPV6 = 2, SAFI_UNICAST = 1;
    private static final int F_OPTIONAL = 0x80, F_TRANSITIVE = 0x40;

    /** A collector peer as listed in the PEER_INDEX_TABLE. */
    public record Peer(int bgpId, IpAddress address, int asn) {}

    private final OutputStream out;
    private final Buf rec = new Buf(256);
    private final ByteBuf enc = Unpooled.buffer(MAX_MESSAGE + 128);
    private int ribEntryCountAt = -1;
    private int ribEntries;
    private int ribTimestamp;
    private int ribSubtype;

    public MrtWriter(OutputStream out) {
        this.out = out;
    }

    // ---- TABLE_DUMP_V2 ----

    public void peerIndexTable(int timestamp, int collectorBgpId, String viewName, List<Peer> peers) throws IOException {
        List<PeerIndexTable.Peer> list = new ArrayList<>();
        for (Peer p : peers) {
            list.add(new PeerIndexTable.Peer(0x02 | (p.address().v6() ? 0x01 : 0), // bit 1: 4-byte AS, bit 0: IPv6
                    IpAddress.v4(p.bgpId()), p.address(), Integer.toUnsignedLong(p.asn())));
        }
        record(new PeerIndexTable(new MrtHeader(Integer.toUnsignedLong(timestamp), MrtType.TABLE_DUMP_V2, RibEntries.PEER_INDEX_TABLE, 0, 0),
                IpAddress.v4(collectorBgpId), viewName, list));
    }

    /** Starts a RIB_IPV4_UNICAST or RIB_IPV6_UNICAST record; add entries, then {@link #endRib()}. */
    public void beginRib(int timestamp, int sequence, Prefix prefix) {
        Buf b = rec.reset();
        b.i32(sequence);
        prefix(b, prefix);
        ribEntryCountAt = b.len;
        b.u16(0);
        ribEntries = 0;
        ribTimestamp = timestamp;
        ribSubtype = prefix.v6() ? RibEntries.RIB_IPV6_UNICAST : RibEntries.RIB_IPV4_UNICAST;
    }

    /** One RIB entry whose attributes are the concatenation of two pre-encoded parts. */
    public void ribEntry(int peerIndex, int originatedTime, byte[] attrs1, byte[] attrs2) {
        Buf b = rec;
        b.u16(peerIndex).i32(originatedTime).u16(attrs1.length + attrs2.length);
        b.bytes(attrs1, 0, attrs1.length).bytes(attrs2, 0, attrs2.length);
        ribEntries++;
    }

    public void endRib() throws IOException {
        rec.put16At(ribEntryCountAt, ribEntries);
        ribEntryCountAt = -1;
        emit(ribTimestamp, MrtType.TABLE_DUMP_V2.code(), ribSubtype, -1, rec);
    }

    // ---- BGP4MP_ET ----

    /** Identifies one BGP session as BGP4MP records describe it. */
    public record Session(int peerAs, int localAs, IpAddress peerAddress, IpAddress localAddress) {}

    public void stateChange(long timeMicros, Session s, FsmState oldState, FsmState newState) throws IOException {
        record(new Bgp4mpStateChange(etHeader(timeMicros, Bgp4mpMessage.STATE_CHANGE_AS4), Integer.toUnsignedLong(s.peerAs()),
                Integer.toUnsignedLong(s.localAs()), 0, afi(s), s.peerAddress(), s.localAddress(), oldState.code(), newState.code()));
    }

    /**
     * Writes as many UPDATE messages as needed to announce {@code nlri} with one set of attributes.
     * All prefixes must be of one family; IPv6 goes into MP_REACH_NLRI.
     */
    public void announce(long timeMicros, Session s, int origin, int[] asPath, IpAddress nextHop, List<Prefix> nlri)
            throws IOException {
        if (nlri.isEmpty()) return;
        boolean v6 = nlri.get(0).v6();
        Origin o = new Origin(F_TRANSITIVE, origin);
        AsPathAttr path = asPathAttr(asPath);
        int fixed = 19 + 2 + 2 + 4 + 4 + 4 * asPath.length + 2 * (asPath.length / 255 + 1) + (v6 ? 4 + 4 + 16 + 1 : 7);
        for (List<Prefix> chunk : chunks(nlri, MAX_MESSAGE - fixed)) {
            Update u;
            if (v6) {
                IpAddress nh = nextHop.v6() ? nextHop : v4MappedV6(nextHop);
                MpReachNlri mp = new MpReachNlri(F_OPTIONAL, AFI_IPV6, SAFI_UNICAST, null, nh, null, 0, nlri(chunk), new byte[0], false);
                u = new Update(Nlri.EMPTY, attributes(o, path, mp), Nlri.EMPTY);
            } else {
                u = new Update(Nlri.EMPTY, attributes(o, path, new NextHop(F_TRANSITIVE, nextHop)), nlri(chunk));
            }
            message(timeMicros, s, u);
        }
    }

    /** Writes as many UPDATE messages as needed to withdraw {@code prefixes} (one family). */
    public void withdraw(long timeMicros, Session s, List<Prefix> prefixes) throws IOException {
        if (prefixes.isEmpty()) return;
        boolean v6 = prefixes.get(0).v6();
        for (List<Prefix> chunk : chunks(prefixes, MAX_MESSAGE - 19 - 4 - (v6 ? 4 + 3 : 0))) {
            Update u = v6
                    ? new Update(Nlri.EMPTY, attributes(new MpUnreachNlri(F_OPTIONAL, AFI_IPV6, SAFI_UNICAST, nlri(chunk), new byte[0])), Nlri.EMPTY)
                    : new Update(nlri(chunk), PathAttributes.EMPTY, Nlri.EMPTY);
            message(timeMicros, s, u);
        }
    }

    private void message(long timeMicros, Session s, Update u) throws IOException {
        record(new Bgp4mpMessage(etHeader(timeMicros, Bgp4mpMessage.MESSAGE_AS4), Integer.toUnsignedLong(s.peerAs()),
                Integer.toUnsignedLong(s.localAs()), 0, afi(s), s.peerAddress(), s.localAddress(), u));
    }

    private static int afi(Session s) {
        if (s.localAddress().v6() != s.peerAddress().v6()) throw new IllegalArgumentException("peer and local address families differ");
        return s.peerAddress().v6() ? AFI_IPV6 : AFI_IPV4;
    }

    private static MrtHeader etHeader(long timeMicros, int subtype) {
        return new MrtHeader(timeMicros / 1_000_000, MrtType.BGP4MP_ET, subtype, 0, (int) (timeMicros % 1_000_000));
    }

    /** Splits prefixes so each part's NLRI encoding fits {@code budget} octets. */
    private static List<List<Prefix>> chunks(List<Prefix> prefixes, int budget) {
        List<List<Prefix>> out = new ArrayList<>();
        int from = 0, used = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            int size = prefixSize(prefixes.get(i));
            if (used + size > budget) {
                out.add(prefixes.subList(from, i));
                from = i;
                used = 0;
            }
            used += size;
        }
        out.add(prefixes.subList(from, prefixes.size()));
        return out;
    }

    private static Nlri nlri(List<Prefix> prefixes) {
        return new Nlri(prefixes.toArray(Prefix[]::new), null);
    }

    private static PathAttributes attributes(PathAttribute... list) {
        return new PathAttributes(List.of(list), Rfc7606Action.NONE, null);
    }

    private static AsPathAttr asPathAttr(int[] asPath) {
        long[] asns = new long[asPath.length];
        for (int i = 0; i < asns.length; i++) asns[i] = Integer.toUnsignedLong(asPath[i]);
        return new AsPathAttr(F_TRANSITIVE, AsPath.ofSequence(asns), true);
    }

    /** Encodes one record with the shared codec and writes it. */
    private void record(MrtRecord r) throws IOException {
        enc.clear();
        MrtEncoder.encode(r, enc);
        enc.readBytes(out, enc.readableBytes());
    }

    // ---- attribute encoding, shared with callers that cache encoded attributes ----

    /** ORIGIN and AS_PATH (4-byte ASNs, AS_SEQUENCE segments of at most 255 ASes), encoded by the shared codec. */
    public static byte[] originAndAsPath(int origin, int[] asPath) {
        return encode(new Origin(F_TRANSITIVE, origin), asPathAttr(asPath));
    }

    /** NEXT_HOP for an IPv4 RIB entry or UPDATE. */
    public static byte[] nextHopV4(IpAddress nextHop) {
        return encode(new NextHop(F_TRANSITIVE, nextHop));
    }

    /** The abbreviated MP_REACH_NLRI of TABLE_DUMP_V2 IPv6 entries: next hop only (RFC 6396 section 4.3.4). */
    public static byte[] ribMpNextHop(IpAddress nextHop) {
        IpAddress nh = nextHop.v6() ? nextHop : v4MappedV6(nextHop);
        return encode(new MpReachNlri(F_OPTIONAL, AFI_IPV6, SAFI_UNICAST, null, nh, null, 0, Nlri.EMPTY, new byte[0], true));
    }

    private static byte[] encode(PathAttribute... attrs) {
        ByteBuf b = Unpooled.buffer(64);
        for (PathAttribute a : attrs) BgpEncoder.encodeAttribute(a, b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        return bytes;
    }

    private static IpAddress v4MappedV6(IpAddress v4) {
        return IpAddress.v6(0L, 0x0000_ffff_0000_0000L | (v4.v4Address() & 0xffffffffL));
    }

    private static int prefixSize(Prefix p) {
        return 1 + (p.length() + 7) / 8;
    }

    private static void prefix(Buf b, Prefix p) {
        b.u8(p.length());
        int n = (p.length() + 7) / 8;
        for (int k = 0; k < n; k++) {
            long w = k < 8 ? p.hi() : p.lo();
            b.u8((int) (w >>> (56 - 8 * (k % 8))));
        }
    }


    private final Buf header = new Buf(16);

    private void emit(int seconds, int type, int subtype, int micros, Buf b) throws IOException {
        Buf h = header.reset();
        h.i32(seconds).u16(type).u16(subtype).i32(b.len + (micros >= 0 ? 4 : 0));
        if (micros >= 0) h.i32(micros);
        out.write(h.a, 0, h.len);
        out.write(b.a, 0, b.len);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A growable big-endian byte buffer. */
    private static final class Buf {
        byte[] a;
        int len;

        Buf(int cap) {
            a = new byte[cap];
        }

        Buf reset() {
            len = 0;
            return this;
        }

        private void room(int n) {
            if (len + n > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, len + n));
        }

        Buf u8(int v) {
            room(1);
            a[len++] = (byte) v;
            return this;
        }

        Buf u16(int v) {
            room(2);
            a[len++] = (byte) (v >>> 8);
            a[len++] = (byte) v;
            return this;
        }

        Buf i32(int v) {
            room(4);
            a[len++] = (byte) (v >>> 24);
            a[len++] = (byte) (v >>> 16);
            a[len++] = (byte) (v >>> 8);
            a[len++] = (byte) v;
            return this;
        }

        Buf i64(long v) {
            return i32((int) (v >>> 32)).i32((int) v);
        }

        Buf bytes(byte[] src, int off, int n) {
            room(n);
            System.arraycopy(src, off, a, len, n);
            len += n;
            return this;
        }

        void put16At(int at, int v) {
            a[at] = (byte) (v >>> 8);
            a[at + 1] = (byte) v;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, len);
        }
    }
}
