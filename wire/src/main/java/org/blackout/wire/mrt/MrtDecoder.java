package org.blackout.wire.mrt;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.AttributeCache;
import org.blackout.wire.bgp.AttributeDecoder;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.Keepalive;
import org.blackout.wire.bgp.NlriDecoder;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Decodes one MRT record body (RFC 6396, RFC 8050) into {@link MrtRecord}s. Stateless. A body is
 * given as {@code buf[from, to)} with the common header already parsed; for the _ET types the body
 * starts with the microseconds field. Throws {@link DecodeException} when the body cannot be read.
 */
public final class MrtDecoder {
    /** Repeated attribute sections (common in RIB dumps) are decoded once. */
    private final AttributeCache cache = new AttributeCache();
    private Consumer<DecodeException> warnings = w -> { };

    /**
     * Receives damage that the decoder worked around while still returning the record (a BGP message
     * cut short: the record keeps what is complete); field and reason as in a {@link DecodeException}.
     */
    public void onWarning(Consumer<DecodeException> warnings) {
        this.warnings = warnings;
    }

    /** Decodes a body; early TABLE_DUMP records that batch several entries yield several records. */
    public void decode(long time, int type, int subtype, long length, ByteBuf b, int from, int to,
            Consumer<MrtRecord> out) {
        try {
            decode0(time, type, subtype, length, b, from, to, out);
        } catch (IndexOutOfBoundsException e) {
            throw new DecodeException("type " + type + "/" + subtype, "record too short: " + e.getMessage());
        }
    }

    /** Decodes a body that holds exactly one record. */
    public MrtRecord decode(long time, int type, int subtype, long length, ByteBuf b, int from, int to) {
        MrtRecord[] one = new MrtRecord[1];
        decode(time, type, subtype, length, b, from, to, r -> { if (one[0] == null) one[0] = r; });
        return one[0];
    }

    private void decode0(long time, int type, int subtype, long length, ByteBuf b, int from, int to,
            Consumer<MrtRecord> out) {
        int micros = 0;
        if (type == MrtType.BGP4MP_ET.code() || type == 33 || type == 49) {
            need(from, 4, to, "microseconds");
            micros = b.getInt(from);
            from += 4;
        }
        MrtHeader h = new MrtHeader(time, type, subtype, length, micros);
        MrtType known = MrtType.of(type);
        if (known == null) { // tested apart: a switch with "case null" is linked by a bootstrap that spins a class
            out.accept(new UnknownRecord(h, bytes(b, from, to)));
            return;
        }
        switch (known) {
            case TABLE_DUMP -> tableDump(h, b, from, to, out);
            case TABLE_DUMP_V2 -> out.accept(tableDumpV2(h, b, from, to));
            case BGP4MP, BGP4MP_ET -> out.accept(bgp4mp(h, b, from, to));
            case BGP -> out.accept(legacyBgp(h, b, from, to));
        }
    }

    // ---- TABLE_DUMP (RFC 6396 4.2) ----

    /**
     * One entry per record normally; early MRTd/Zebra files put a view and sequence number followed
     * by several entries into one record, so entries are read until the body is used up.
     */
    private void tableDump(MrtHeader h, ByteBuf b, int p, int to, Consumer<MrtRecord> out) {
        int st = h.subtype();
        boolean v6 = st == 2 || st == 4;
        int asn = st == 3 || st == 4 ? 4 : 2; // 3/4: bgpdump's 32-bit AS variants
        if (st < 1 || st > 4) {
            out.accept(new UnknownRecord(h, bytes(b, p, to)));
            return;
        }
        need(p, 4, to, "view/sequence");
        int view = b.getUnsignedShort(p);
        int seq = b.getUnsignedShort(p + 2);
        p += 4;
        int alen = v6 ? 16 : 4;
        int entry = alen + 1 + 1 + 4 + alen + asn + 2;
        boolean first = true;
        while (first || p + entry <= to) {
            need(p, entry, to, "table dump entry");
            IpAddress pa = addr(b, p, v6);
            p += alen;
            int plen = b.getUnsignedByte(p++);
            if (plen > (v6 ? 128 : 32)) throw new DecodeException("prefix length", plen + " out of range");
            int status = b.getUnsignedByte(p++);
            long orig = b.getUnsignedInt(p);
            p += 4;
            IpAddress peer = addr(b, p, v6);
            p += alen;
            long peerAs = asn == 4 ? b.getUnsignedInt(p) : b.getUnsignedShort(p);
            p += asn;
            int attrLen = b.getUnsignedShort(p);
            p += 2;
            need(p, attrLen, to, "attributes");
            PathAttributes attrs = cache.decode(b, p, p + attrLen, asn, false, true);
            p += attrLen;
            out.accept(new TableDump(h, view, seq, new Prefix(v6, pa.hi(), pa.lo(), plen), status, orig, peer,
                    peerAs, attrs));
            first = false;
        }
    }

    // ---- TABLE_DUMP_V2 (RFC 6396 4.3, RFC 8050) ----

    private MrtRecord tableDumpV2(MrtHeader h, ByteBuf b, int p, int to) {
        int st = h.subtype();
        switch (st) {
            case RibEntries.PEER_INDEX_TABLE -> {
                return peerIndexTable(h, b, p, to);
            }
            case RibEntries.RIB_IPV4_UNICAST, RibEntries.RIB_IPV4_MULTICAST, RibEntries.RIB_IPV6_UNICAST,
                    RibEntries.RIB_IPV6_MULTICAST, RibEntries.RIB_IPV4_UNICAST_ADDPATH,
                    RibEntries.RIB_IPV4_MULTICAST_ADDPATH, RibEntries.RIB_IPV6_UNICAST_ADDPATH,
                    RibEntries.RIB_IPV6_MULTICAST_ADDPATH -> {
                int base = st >= RibEntries.RIB_IPV4_UNICAST_ADDPATH ? st - 6 : st;
                boolean v6 = base == RibEntries.RIB_IPV6_UNICAST || base == RibEntries.RIB_IPV6_MULTICAST;
                int safi = base == RibEntries.RIB_IPV4_UNICAST || base == RibEntries.RIB_IPV6_UNICAST ? 1 : 2;
                need(p, 5, to, "sequence/prefix length");
                long seq = b.getUnsignedInt(p);
                p += 4;
                int plen = b.getUnsignedByte(p);
                int pbytes = (plen + 7) >>> 3;
                need(p + 1, pbytes, to, "prefix");
                Nlri n = NlriDecoder.decode(b, p, p + 1 + pbytes, v6, false, "prefix");
                p += 1 + pbytes;
                List<RibEntries.RibEntry> entries = entries(b, p, to, st >= RibEntries.RIB_IPV4_UNICAST_ADDPATH);
                return new RibEntries(h, seq, v6 ? 2 : 1, safi, n.prefix(0), EMPTY, entries);
            }
            case RibEntries.RIB_GENERIC, RibEntries.RIB_GENERIC_ADDPATH -> {
                need(p, 8, to, "sequence/afi/safi/nlri");
                long seq = b.getUnsignedInt(p);
                int afi = b.getUnsignedShort(p + 4);
                int safi = b.getUnsignedByte(p + 6);
                p += 7;
                int plen = b.getUnsignedByte(p);
                int nbytes = 1 + ((plen + 7) >>> 3);
                need(p, nbytes, to, "nlri");
                Prefix prefix = null;
                byte[] raw = EMPTY;
                if ((afi == 1 || afi == 2) && (safi == 1 || safi == 2)) {
                    prefix = NlriDecoder.decode(b, p, p + nbytes, afi == 2, false, "nlri").prefix(0);
                } else {
                    raw = bytes(b, p, p + nbytes);
                }
                p += nbytes;
                List<RibEntries.RibEntry> entries = entries(b, p, to, st == RibEntries.RIB_GENERIC_ADDPATH);
                return new RibEntries(h, seq, afi, safi, prefix, raw, entries);
            }
            default -> {
                return new UnknownRecord(h, bytes(b, p, to));
            }
        }
    }

    private List<RibEntries.RibEntry> entries(ByteBuf b, int p, int to, boolean addPath) {
        need(p, 2, to, "entry count");
        int count = b.getUnsignedShort(p);
        p += 2;
        // size by the bytes present, not by the (possibly damaged) count: an entry takes at least 8
        List<RibEntries.RibEntry> list = new ArrayList<>(Math.min(count, (to - p) / 8));
        for (int i = 0; i < count; i++) {
            need(p, addPath ? 12 : 8, to, "rib entry " + i);
            int peer = b.getUnsignedShort(p);
            long orig = b.getUnsignedInt(p + 2);
            p += 6;
            long pathId = 0;
            if (addPath) {
                pathId = b.getUnsignedInt(p);
                p += 4;
            }
            int alen = b.getUnsignedShort(p);
            p += 2;
            need(p, alen, to, "rib entry " + i + " attributes");
            PathAttributes attrs = cache.decode(b, p, p + alen, 4, false, true);
            p += alen;
            list.add(new RibEntries.RibEntry(peer, orig, pathId, attrs));
        }
        return list;
    }

    private static PeerIndexTable peerIndexTable(MrtHeader h, ByteBuf b, int p, int to) {
        need(p, 6, to, "peer index table header");
        IpAddress collector = IpAddress.v4(b.getInt(p));
        int nameLen = b.getUnsignedShort(p + 4);
        p += 6;
        need(p, nameLen + 2, to, "view name");
        String name = b.toString(p, nameLen, StandardCharsets.UTF_8);
        p += nameLen;
        int count = b.getUnsignedShort(p);
        p += 2;
        // size by the bytes present, not by the (possibly damaged) count: a peer takes at least 11
        List<PeerIndexTable.Peer> peers = new ArrayList<>(Math.min(count, (to - p) / 11));
        for (int i = 0; i < count; i++) {
            need(p, 1, to, "peer " + i);
            int t = b.getUnsignedByte(p++);
            boolean v6 = (t & 1) != 0;
            int asn = (t & 2) != 0 ? 4 : 2;
            need(p, 4 + (v6 ? 16 : 4) + asn, to, "peer " + i);
            IpAddress id = IpAddress.v4(b.getInt(p));
            p += 4;
            IpAddress a = addr(b, p, v6);
            p += v6 ? 16 : 4;
            long as = asn == 4 ? b.getUnsignedInt(p) : b.getUnsignedShort(p);
            p += asn;
            peers.add(new PeerIndexTable.Peer(t, id, a, as));
        }
        return new PeerIndexTable(h, collector, name, List.copyOf(peers));
    }

    // ---- BGP4MP / BGP4MP_ET (RFC 6396 4.4) ----

    private MrtRecord bgp4mp(MrtHeader h, ByteBuf b, int p, int to) {
        int st = h.subtype();
        boolean as4 = Bgp4mpMessage.as4Subtype(st);
        int asn = as4 ? 4 : 2;
        switch (st) {
            case Bgp4mpMessage.STATE_CHANGE, Bgp4mpMessage.STATE_CHANGE_AS4 -> {
                if (st == Bgp4mpMessage.STATE_CHANGE && to - p == 8) {
                    // old Zebra wrote state changes without interface, AFI and addresses (bgpdump accepts them too)
                    IpAddress none = IpAddress.v4(0);
                    return new Bgp4mpStateChange(h, b.getUnsignedShort(p), b.getUnsignedShort(p + 2), 0, 1, none,
                            none, b.getUnsignedShort(p + 4), b.getUnsignedShort(p + 6));
                }
                need(p, 2 * asn + 4, to, "state change header");
                long peerAs = asn == 4 ? b.getUnsignedInt(p) : b.getUnsignedShort(p);
                long localAs = asn == 4 ? b.getUnsignedInt(p + asn) : b.getUnsignedShort(p + asn);
                p += 2 * asn;
                int ifIndex = b.getUnsignedShort(p);
                int afi = b.getUnsignedShort(p + 2);
                p += 4;
                boolean v6 = afiV6(afi);
                int alen = v6 ? 16 : 4;
                need(p, 2 * alen + 4, to, "state change addresses/states");
                IpAddress peer = addr(b, p, v6);
                IpAddress local = addr(b, p + alen, v6);
                p += 2 * alen;
                return new Bgp4mpStateChange(h, peerAs, localAs, ifIndex, afi, peer, local, b.getUnsignedShort(p),
                        b.getUnsignedShort(p + 2));
            }
            case Bgp4mpMessage.MESSAGE, Bgp4mpMessage.MESSAGE_AS4, Bgp4mpMessage.MESSAGE_LOCAL,
                    Bgp4mpMessage.MESSAGE_AS4_LOCAL, Bgp4mpMessage.MESSAGE_ADDPATH, Bgp4mpMessage.MESSAGE_AS4_ADDPATH,
                    Bgp4mpMessage.MESSAGE_LOCAL_ADDPATH, Bgp4mpMessage.MESSAGE_AS4_LOCAL_ADDPATH -> {
                need(p, 2 * asn + 4, to, "message header");
                long peerAs = asn == 4 ? b.getUnsignedInt(p) : b.getUnsignedShort(p);
                long localAs = asn == 4 ? b.getUnsignedInt(p + asn) : b.getUnsignedShort(p + asn);
                p += 2 * asn;
                int ifIndex = b.getUnsignedShort(p);
                int afi = b.getUnsignedShort(p + 2);
                IpAddress peer, local;
                if (afi == 0xffff && ifIndex == 0xffff) {
                    // old Zebra OPEN records: no interface, AFI or addresses; the marker starts here
                    peer = local = IpAddress.v4(0);
                } else {
                    p += 4;
                    if (afi != 1 && afi != 2) throw new DecodeException("afi", "unsupported AFI " + afi);
                    boolean v6 = afi == 2;
                    int alen = v6 ? 16 : 4;
                    need(p, 2 * alen, to, "message addresses");
                    peer = addr(b, p, v6);
                    local = addr(b, p + alen, v6);
                    p += 2 * alen;
                }
                boolean addPath = st >= Bgp4mpMessage.MESSAGE_ADDPATH;
                // no attribute cache here: in update streams attribute sets hardly ever repeat
                BgpMessage m;
                if (BgpDecoder.isCutUpdate(b, p, to)) {
                    // the recorder cut the message (route-views2, 2008: near 4,096 bytes): keep what is whole, as bgpdump
                    Update u = BgpDecoder.decodeCutUpdate(b, p, to, as4, addPath);
                    int kept = u.withdrawn().size() + u.nlri().size();
                    warnings.accept(new DecodeException("bgp length", "length field " + b.getUnsignedShort(p + 16)
                            + " exceeds the " + (to - p) + " bytes available: message cut short; kept the " + kept
                            + " whole prefixes before the cut (" + u.withdrawn().size() + " withdrawn, " + u.nlri().size()
                            + " announced), dropped the rest"));
                    m = u;
                } else {
                    m = BgpDecoder.decodeMessage(b, p, to, as4, addPath);
                }
                return new Bgp4mpMessage(h, peerAs, localAs, ifIndex, afi, peer, local, m);
            }
            default -> {
                return new UnknownRecord(h, bytes(b, p, to));
            }
        }
    }

    private static boolean afiV6(int afi) {
        if (afi == 1) return false;
        if (afi == 2) return true;
        throw new DecodeException("afi", "unsupported AFI " + afi);
    }

    // ---- deprecated type 5 BGP (RFC 6396 appendix B.2.2 / MRTd) ----

    private static MrtRecord legacyBgp(MrtHeader h, ByteBuf b, int p, int to) {
        int st = h.subtype();
        IpAddress none = IpAddress.v4(0);
        switch (st) {
            case 3 -> { // BGP_STATE_CHANGE: peer AS, peer IP, old state, new state
                need(p, 10, to, "state change");
                return new Bgp4mpStateChange(h, b.getUnsignedShort(p), 0, 0, 1, IpAddress.v4(b.getInt(p + 2)), none,
                        b.getUnsignedShort(p + 6), b.getUnsignedShort(p + 8));
            }
            case 1, 5, 6, 7 -> { // UPDATE, OPEN, NOTIFY, KEEPALIVE: source AS/IP, destination AS/IP, message body
                need(p, 12, to, "source/destination");
                long srcAs = b.getUnsignedShort(p);
                IpAddress src = IpAddress.v4(b.getInt(p + 2));
                long dstAs = b.getUnsignedShort(p + 6);
                IpAddress dst = IpAddress.v4(b.getInt(p + 8));
                p += 12;
                BgpMessage m = switch (st) {
                    case 1 -> BgpDecoder.decodeBody(b, BgpMessage.UPDATE, p, to, false, false);
                    case 5 -> BgpDecoder.decodeBody(b, BgpMessage.OPEN, p, to, false, false);
                    case 6 -> BgpDecoder.decodeBody(b, BgpMessage.NOTIFICATION, p, to, false, false);
                    default -> Keepalive.INSTANCE;
                };
                return new Bgp4mpMessage(h, srcAs, dstAs, 0, 1, src, dst, m);
            }
            default -> {
                return new UnknownRecord(h, bytes(b, p, to));
            }
        }
    }

    // ---- helpers ----

    private static final byte[] EMPTY = new byte[0];

    private static void need(int p, int n, int to, String field) {
        if (n < 0 || p + n > to) {
            throw new DecodeException(field, "needs " + n + " bytes, " + Math.max(0, to - p) + " left in record");
        }
    }

    static IpAddress addr(ByteBuf b, int p, boolean v6) {
        return v6 ? IpAddress.v6(b.getLong(p), b.getLong(p + 8)) : IpAddress.v4(b.getInt(p));
    }

    private static byte[] bytes(ByteBuf b, int from, int to) {
        if (to <= from) return EMPTY;
        byte[] out = new byte[to - from];
        b.getBytes(from, out);
        return out;
    }
}
