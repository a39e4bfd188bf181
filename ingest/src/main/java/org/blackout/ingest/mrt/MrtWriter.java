package org.blackout.ingest.mrt;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * A minimal MRT encoder (RFC 6396, RFC 8050 not used) for exactly the records a collector writes:
 * TABLE_DUMP_V2 PEER_INDEX_TABLE and RIB_IPV4_UNICAST / RIB_IPV6_UNICAST for RIB dumps, and
 * BGP4MP_ET MESSAGE_AS4 (UPDATE) and STATE_CHANGE_AS4 for update files. All AS numbers are
 * 4 bytes. The caller owns compression and file naming. Not thread-safe; one writer per stream.
 *
 * <p>Kept self-contained so the simulator does not wait on the shared codec; it can later be
 * pointed at the {@code wire} encoders without changing its callers.
 */
public final class MrtWriter implements Closeable {

    public static final int TABLE_DUMP_V2 = 13;
    public static final int PEER_INDEX_TABLE = 1;
    public static final int RIB_IPV4_UNICAST = 2;
    public static final int RIB_IPV6_UNICAST = 4;
    public static final int BGP4MP_ET = 17;
    public static final int STATE_CHANGE_AS4 = 5;
    public static final int MESSAGE_AS4 = 4;

    /** BGP FSM states as MRT STATE_CHANGE records number them (RFC 6396 section 4.4.1). */
    public static final int IDLE = 1, CONNECT = 2, ACTIVE = 3, OPEN_SENT = 4, OPEN_CONFIRM = 5, ESTABLISHED = 6;

    /** ORIGIN attribute values (RFC 4271 section 5.1.1). */
    public static final int ORIGIN_IGP = 0, ORIGIN_EGP = 1, ORIGIN_INCOMPLETE = 2;

    /** BGP messages are at most 4096 bytes (RFC 4271 section 4.1). */
    public static final int MAX_MESSAGE = 4096;

    private static final int AFI_IPV4 = 1, AFI_IPV6 = 2, SAFI_UNICAST = 1;
    private static final int F_OPTIONAL = 0x80, F_TRANSITIVE = 0x40, F_EXTENDED = 0x10;

    /** A collector peer as listed in the PEER_INDEX_TABLE. */
    public record Peer(int bgpId, IpAddress address, int asn) {}

    private final OutputStream out;
    private final Buf rec = new Buf(256);
    private final Buf body = new Buf(MAX_MESSAGE + 64);
    private int ribEntryCountAt = -1;
    private int ribEntries;
    private int ribTimestamp;
    private int ribSubtype;

    public MrtWriter(OutputStream out) {
        this.out = out;
    }

    // ---- TABLE_DUMP_V2 ----

    public void peerIndexTable(int timestamp, int collectorBgpId, String viewName, List<Peer> peers) throws IOException {
        Buf b = rec.reset();
        b.i32(collectorBgpId);
        byte[] name = viewName.getBytes(StandardCharsets.UTF_8);
        b.u16(name.length).bytes(name, 0, name.length);
        b.u16(peers.size());
        for (Peer p : peers) {
            b.u8(0x02 | (p.address().v6() ? 0x01 : 0)); // bit 1: 4-byte AS, bit 0: IPv6 address
            b.i32(p.bgpId());
            address(b, p.address());
            b.i32(p.asn());
        }
        emit(timestamp, TABLE_DUMP_V2, PEER_INDEX_TABLE, -1, b);
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
        ribSubtype = prefix.v6() ? RIB_IPV6_UNICAST : RIB_IPV4_UNICAST;
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
        emit(ribTimestamp, TABLE_DUMP_V2, ribSubtype, -1, rec);
    }

    // ---- BGP4MP_ET ----

    /** Identifies one BGP session as BGP4MP records describe it. */
    public record Session(int peerAs, int localAs, IpAddress peerAddress, IpAddress localAddress) {}

    public void stateChange(long timeMicros, Session s, int oldState, int newState) throws IOException {
        Buf b = rec.reset();
        bgp4mpHeader(b, s);
        b.u16(oldState).u16(newState);
        emit((int) (timeMicros / 1_000_000), BGP4MP_ET, STATE_CHANGE_AS4, (int) (timeMicros % 1_000_000), b);
    }

    /**
     * Writes as many UPDATE messages as needed to announce {@code nlri} with one set of attributes.
     * All prefixes must be of one family; IPv6 goes into MP_REACH_NLRI.
     */
    public void announce(long timeMicros, Session s, int origin, int[] asPath, IpAddress nextHop, List<Prefix> nlri)
            throws IOException {
        if (nlri.isEmpty()) return;
        boolean v6 = nlri.get(0).v6();
        byte[] common = originAndAsPath(origin, asPath);
        int i = 0;
        while (i < nlri.size()) {
            Buf m = body.reset();
            int budget = MAX_MESSAGE - 19 - 2 - 2 - common.length - (v6 ? 4 + 5 + 1 + 16 + 1 : 7);
            int j = i, used = 0;
            while (j < nlri.size() && used + prefixSize(nlri.get(j)) <= budget) used += prefixSize(nlri.get(j++));
            m.u16(0); // no withdrawn routes
            int attrLenAt = m.len;
            m.u16(0);
            m.bytes(common, 0, common.length);
            if (v6) {
                int mpLen = 2 + 1 + 1 + 16 + 1 + used;
                attrHeader(m, F_OPTIONAL, 14, mpLen);
                m.u16(AFI_IPV6).u8(SAFI_UNICAST).u8(16);
                address(m, nextHop.v6() ? nextHop : v4MappedV6(nextHop));
                m.u8(0);
                for (int k = i; k < j; k++) prefix(m, nlri.get(k));
                m.put16At(attrLenAt, m.len - attrLenAt - 2);
            } else {
                attrHeader(m, F_TRANSITIVE, 3, 4);
                m.i32(nextHop.v6() ? 0 : nextHop.v4Address());
                m.put16At(attrLenAt, m.len - attrLenAt - 2);
                for (int k = i; k < j; k++) prefix(m, nlri.get(k));
            }
            update(timeMicros, s, m);
            i = j;
        }
    }

    /** Writes as many UPDATE messages as needed to withdraw {@code prefixes} (one family). */
    public void withdraw(long timeMicros, Session s, List<Prefix> prefixes) throws IOException {
        if (prefixes.isEmpty()) return;
        boolean v6 = prefixes.get(0).v6();
        int i = 0;
        while (i < prefixes.size()) {
            Buf m = body.reset();
            int budget = MAX_MESSAGE - 19 - 2 - 2 - (v6 ? 4 + 3 : 0);
            int j = i, used = 0;
            while (j < prefixes.size() && used + prefixSize(prefixes.get(j)) <= budget) used += prefixSize(prefixes.get(j++));
            if (v6) {
                m.u16(0);
                m.u16(4 + 3 + used);
                attrHeader(m, F_OPTIONAL, 15, 3 + used);
                m.u16(AFI_IPV6).u8(SAFI_UNICAST);
                for (int k = i; k < j; k++) prefix(m, prefixes.get(k));
            } else {
                m.u16(used);
                for (int k = i; k < j; k++) prefix(m, prefixes.get(k));
                m.u16(0);
            }
            update(timeMicros, s, m);
            i = j;
        }
    }

    private void update(long timeMicros, Session s, Buf updateBody) throws IOException {
        Buf b = rec.reset();
        bgp4mpHeader(b, s);
        for (int k = 0; k < 16; k++) b.u8(0xff); // marker
        b.u16(19 + updateBody.len).u8(2);       // length, type UPDATE
        b.bytes(updateBody.a, 0, updateBody.len);
        emit((int) (timeMicros / 1_000_000), BGP4MP_ET, MESSAGE_AS4, (int) (timeMicros % 1_000_000), b);
    }

    private static void bgp4mpHeader(Buf b, Session s) {
        b.i32(s.peerAs()).i32(s.localAs()).u16(0);
        b.u16(s.peerAddress().v6() ? AFI_IPV6 : AFI_IPV4);
        address(b, s.peerAddress());
        IpAddress local = s.localAddress();
        if (local.v6() != s.peerAddress().v6()) throw new IllegalArgumentException("peer and local address families differ");
        address(b, local);
    }

    // ---- attribute encoding, shared with callers that cache encoded attributes ----

    /** ORIGIN and AS_PATH (4-byte ASNs, AS_SEQUENCE segments of at most 255 ASes). */
    public static byte[] originAndAsPath(int origin, int[] asPath) {
        Buf b = new Buf(16 + asPath.length * 4);
        attrHeader(b, F_TRANSITIVE, 1, 1);
        b.u8(origin);
        int segs = (asPath.length + 254) / 255;
        int len = segs * 2 + asPath.length * 4;
        attrHeader(b, F_TRANSITIVE, 2, len);
        for (int i = 0; i < asPath.length; i += 255) {
            int n = Math.min(255, asPath.length - i);
            b.u8(2).u8(n); // AS_SEQUENCE
            for (int k = i; k < i + n; k++) b.i32(asPath[k]);
        }
        return b.toArray();
    }

    /** NEXT_HOP for an IPv4 RIB entry or UPDATE. */
    public static byte[] nextHopV4(IpAddress nextHop) {
        Buf b = new Buf(7);
        attrHeader(b, F_TRANSITIVE, 3, 4);
        b.i32(nextHop.v4Address());
        return b.toArray();
    }

    /** The abbreviated MP_REACH_NLRI of TABLE_DUMP_V2 IPv6 entries: next hop only (RFC 6396 section 4.3.4). */
    public static byte[] ribMpNextHop(IpAddress nextHop) {
        IpAddress nh = nextHop.v6() ? nextHop : v4MappedV6(nextHop);
        Buf b = new Buf(20);
        attrHeader(b, F_OPTIONAL, 14, 17);
        b.u8(16);
        address(b, nh);
        return b.toArray();
    }

    private static IpAddress v4MappedV6(IpAddress v4) {
        return IpAddress.v6(0L, 0x0000_ffff_0000_0000L | (v4.v4Address() & 0xffffffffL));
    }

    private static void attrHeader(Buf b, int flags, int type, int len) {
        if (len > 255) b.u8(flags | F_EXTENDED).u8(type).u16(len);
        else b.u8(flags).u8(type).u8(len);
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

    private static void address(Buf b, IpAddress a) {
        if (a.v6()) {
            b.i64(a.hi()).i64(a.lo());
        } else {
            b.i32(a.v4Address());
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
