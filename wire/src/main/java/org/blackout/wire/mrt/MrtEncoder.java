package org.blackout.wire.mrt;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.Keepalive;
import org.blackout.wire.bgp.Notification;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Encodes MRT records (RFC 6396, RFC 8050) into a {@link ByteBuf}: the inverse of {@link MrtDecoder}.
 * The common header's length is computed from the body written (the header's own {@code length}
 * is only consulted to recognise old Zebra's short STATE_CHANGE form); the _ET types get their
 * microseconds field. AS numbers are written in the width the record's subtype (or peer type)
 * says, attributes in the width their {@code fourOctet} flag says. Stateless.
 */
public final class MrtEncoder {
    /** Octets of the common header; the _ET types add 4 octets of microseconds to the body. */
    public static final int HEADER_LENGTH = 12;

    private static final long AS_TRANS = 23456;

    private MrtEncoder() {}

    /** Writes one record: common header, then body. */
    public static void encode(MrtRecord r, ByteBuf out) {
        int start = out.writerIndex();
        writeHeader(r.header(), out);
        int body = out.writerIndex();
        if (r.header().extendedTime()) out.writeInt(r.header().microseconds());
        encodeBody(r, out);
        out.setInt(start + 8, out.writerIndex() - body);
    }

    /**
     * Writes the records that one physical record decoded into: normally one, but early MRTd/Zebra
     * TABLE_DUMP records batch several entries after one view and sequence number, which are then
     * all {@link TableDump}s sharing a header and view/sequence.
     */
    public static void encode(List<? extends MrtRecord> records, ByteBuf out) {
        if (records.size() == 1) {
            encode(records.getFirst(), out);
            return;
        }
        if (records.isEmpty()) throw new IllegalArgumentException("no records");
        TableDump first = (TableDump) records.getFirst();
        int start = out.writerIndex();
        writeHeader(first.header(), out);
        int body = out.writerIndex();
        out.writeShort(first.viewNumber());
        out.writeShort(first.sequence());
        for (MrtRecord r : records) {
            if (!(r instanceof TableDump t) || !t.header().equals(first.header())
                    || t.viewNumber() != first.viewNumber() || t.sequence() != first.sequence()) {
                throw new IllegalArgumentException("a batch holds TABLE_DUMP entries of one header, view and sequence");
            }
            tableDumpEntry(t, out);
        }
        out.setInt(start + 8, out.writerIndex() - body);
    }

    private static void writeHeader(MrtHeader h, ByteBuf out) {
        out.writeInt((int) h.timestamp());
        out.writeShort(h.type());
        out.writeShort(h.subtype());
        out.writeInt(0); // length, filled in by the caller
    }

    /** Writes the body after the common header (and after the microseconds field of the _ET types). */
    public static void encodeBody(MrtRecord r, ByteBuf out) {
        switch (r) {
            case TableDump t -> {
                out.writeShort(t.viewNumber());
                out.writeShort(t.sequence());
                tableDumpEntry(t, out);
            }
            case PeerIndexTable p -> peerIndexTable(p, out);
            case RibEntries rib -> rib(rib, out);
            case Bgp4mpMessage m -> {
                if (m.header().kind() == MrtType.BGP) legacyMessage(m, out);
                else message(m, out);
            }
            case Bgp4mpStateChange s -> stateChange(s, out);
            case UnknownRecord u -> out.writeBytes(u.body());
        }
    }

    // ---- TABLE_DUMP (RFC 6396 4.2) ----

    /** One entry: prefix, length, status, originated time, peer address and AS, attributes. */
    private static void tableDumpEntry(TableDump t, ByteBuf out) {
        int st = t.header().subtype();
        Prefix p = t.prefix();
        if (p.v6()) {
            out.writeLong(p.hi());
            out.writeLong(p.lo());
        } else {
            out.writeInt(p.v4Address());
        }
        out.writeByte(p.length());
        out.writeByte(t.status());
        out.writeInt((int) t.originatedTime());
        BgpEncoder.writeAddress(t.peerAddress(), out);
        writeAs(t.peerAs(), st == 3 || st == 4, out); // 3/4: bgpdump's 32-bit AS variants
        attributes(t.attributes(), out);
    }

    // ---- TABLE_DUMP_V2 (RFC 6396 4.3, RFC 8050) ----

    private static void peerIndexTable(PeerIndexTable p, ByteBuf out) {
        BgpEncoder.writeAddress(p.collectorBgpId(), out);
        byte[] name = p.viewName().getBytes(StandardCharsets.UTF_8);
        out.writeShort(name.length);
        out.writeBytes(name);
        out.writeShort(p.peers().size());
        for (PeerIndexTable.Peer peer : p.peers()) {
            out.writeByte(peer.peerType());
            BgpEncoder.writeAddress(peer.bgpId(), out);
            // the peer type's bits, not the address, say the widths (RFC 6396 4.3.1)
            IpAddress a = peer.address();
            if ((peer.peerType() & 1) != 0) {
                out.writeLong(a.hi());
                out.writeLong(a.lo());
            } else {
                out.writeInt(a.v4Address());
            }
            writeAs(peer.as(), peer.as4(), out);
        }
    }

    private static void rib(RibEntries rib, ByteBuf out) {
        int st = rib.header().subtype();
        out.writeInt((int) rib.sequence());
        if (st == RibEntries.RIB_GENERIC || st == RibEntries.RIB_GENERIC_ADDPATH) {
            out.writeShort(rib.afi());
            out.writeByte(rib.safi());
        }
        if (rib.prefix() != null) BgpEncoder.writePrefix(rib.prefix(), out);
        else out.writeBytes(rib.unparsedNlri());
        out.writeShort(rib.entries().size());
        boolean addPath = rib.addPath();
        for (RibEntries.RibEntry e : rib.entries()) {
            out.writeShort(e.peerIndex());
            out.writeInt((int) e.originatedTime());
            if (addPath) out.writeInt((int) e.pathId());
            attributes(e.attributes(), out);
        }
    }

    /** A 2-octet attribute length, then the attributes. */
    private static void attributes(org.blackout.wire.bgp.PathAttributes a, ByteBuf out) {
        int at = out.writerIndex();
        out.writeShort(0);
        BgpEncoder.encodeAttributes(a, out);
        int len = out.writerIndex() - at - 2;
        if (len > 0xffff) throw new IllegalArgumentException("attributes of " + len + " octets");
        out.setShort(at, len);
    }

    // ---- BGP4MP / BGP4MP_ET (RFC 6396 4.4) ----

    private static void message(Bgp4mpMessage m, ByteBuf out) {
        boolean as4 = m.as4();
        writeAs(m.peerAs(), as4, out);
        writeAs(m.localAs(), as4, out);
        // old Zebra OPEN records have neither interface, AFI nor addresses: the decoder read the
        // marker's first octets as 0xffff in both, so the marker written below stands for them
        if (!(m.ifIndex() == 0xffff && m.afi() == 0xffff)) {
            out.writeShort(m.ifIndex());
            out.writeShort(m.afi());
            writeAddress(m.peerAddress(), m.afi(), out);
            writeAddress(m.localAddress(), m.afi(), out);
        }
        BgpEncoder.encode(m.message(), out);
    }

    private static void stateChange(Bgp4mpStateChange s, ByteBuf out) {
        MrtHeader h = s.header();
        if (h.kind() == MrtType.BGP) {
            // deprecated BGP_STATE_CHANGE: peer AS, peer address, old and new state
            out.writeShort((int) s.peerAs());
            BgpEncoder.writeAddress(s.peerAddress(), out);
            out.writeShort(s.oldState());
            out.writeShort(s.newState());
            return;
        }
        boolean as4 = h.subtype() == Bgp4mpMessage.STATE_CHANGE_AS4;
        writeAs(s.peerAs(), as4, out);
        writeAs(s.localAs(), as4, out);
        long body = h.length() - (h.extendedTime() ? 4 : 0);
        if (!as4 && body == 8) {
            // old Zebra's short form: no interface, AFI or addresses (the header says so)
            out.writeShort(s.oldState());
            out.writeShort(s.newState());
            return;
        }
        out.writeShort(s.ifIndex());
        out.writeShort(s.afi());
        writeAddress(s.peerAddress(), s.afi(), out);
        writeAddress(s.localAddress(), s.afi(), out);
        out.writeShort(s.oldState());
        out.writeShort(s.newState());
    }

    // ---- deprecated type 5 BGP (RFC 6396 appendix B.2.2 / MRTd) ----

    /** Source AS and address, destination AS and address, then the message body without its header. */
    private static void legacyMessage(Bgp4mpMessage m, ByteBuf out) {
        writeAs(m.peerAs(), false, out);
        BgpEncoder.writeAddress(m.peerAddress(), out);
        writeAs(m.localAs(), false, out);
        BgpEncoder.writeAddress(m.localAddress(), out);
        BgpMessage msg = m.message();
        if (msg instanceof Update || msg instanceof Open || msg instanceof Notification || msg instanceof Keepalive) {
            BgpEncoder.encodeBody(msg, out);
        } else {
            throw new IllegalArgumentException("type 5 records carry no " + msg.getClass().getSimpleName());
        }
    }

    /** The subtype of a deprecated type 5 record that carries this message. */
    public static int legacySubtype(BgpMessage m) {
        return switch (m) {
            case Update u -> 1;
            case Open o -> 5;
            case Notification n -> 6;
            case Keepalive k -> 7;
            default -> throw new IllegalArgumentException("type 5 records carry no " + m.getClass().getSimpleName());
        };
    }

    // ---- helpers ----

    /** An address in the width the AFI says (1: 4 octets, 2: 16). */
    private static void writeAddress(IpAddress a, int afi, ByteBuf out) {
        if (afi == 2) {
            out.writeLong(a.hi());
            out.writeLong(a.lo());
        } else {
            out.writeInt(a.v4Address());
        }
    }

    /** A 2- or 4-octet AS number; one too big for 2 octets becomes AS_TRANS (RFC 6793). */
    private static void writeAs(long as, boolean fourOctet, ByteBuf out) {
        if (fourOctet) out.writeInt((int) as);
        else out.writeShort((int) (as > 0xffff ? AS_TRANS : as));
    }
}
