package org.blackout.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Encodes BGP-4 messages (RFC 4271) and their parts into a {@link ByteBuf}: the inverse of the
 * decoders. Everything the model keeps from the wire (attribute flags octets, 2- or 4-octet AS
 * numbers, ADD-PATH identifiers, the OPEN's optional parameters, undecoded NLRI and attributes) is
 * written back as it was, so a decoded message re-encodes to the same bytes. Records built by hand
 * (null {@code nextHopBytes}, null {@code optionalParameters}, AS numbers too big for 2 octets) are
 * completed the way RFC 4760, RFC 5492 and RFC 6793 say. Stateless.
 */
public final class BgpEncoder {
    /** RFC 4271 4.1: the 16-octet marker, the 2-octet length and the type octet. */
    public static final int HEADER_LENGTH = 19;
    /** RFC 8654: the largest extended message. */
    public static final int MAX_EXTENDED_LENGTH = 65535;

    private static final long AS_TRANS = 23456;

    private BgpEncoder() {}

    /** Writes a whole message: marker, length, type and body. */
    public static void encode(BgpMessage m, ByteBuf out) {
        int start = out.writerIndex();
        for (int i = 0; i < 4; i++) out.writeInt(-1);
        out.writeShort(0); // length, filled in below
        out.writeByte(m.type());
        encodeBody(m, out);
        int len = out.writerIndex() - start;
        if (len > MAX_EXTENDED_LENGTH) {
            throw new IllegalArgumentException("BGP message of " + len + " octets exceeds " + MAX_EXTENDED_LENGTH);
        }
        out.setShort(start + 16, len);
    }

    /** Writes the message body only (what follows the 19-octet header). */
    public static void encodeBody(BgpMessage m, ByteBuf out) {
        switch (m) {
            case Open o -> open(o, out);
            case Update u -> update(u, out);
            case Notification n -> {
                out.writeByte(n.code());
                out.writeByte(n.subcode());
                out.writeBytes(n.data());
            }
            case Keepalive k -> { }
            case RouteRefresh r -> {
                out.writeShort(r.afi());
                out.writeByte(r.subtype());
                out.writeByte(r.safi());
            }
            case UnknownMessage u -> out.writeBytes(u.body());
        }
    }

    private static void open(Open o, ByteBuf out) {
        out.writeByte(o.version());
        // a 4-octet AS goes in the capability; My Autonomous System then says AS_TRANS (RFC 6793 4.1)
        out.writeShort(o.myAs() < 0 || o.myAs() > 0xffff ? (int) AS_TRANS : o.myAs());
        out.writeShort(o.holdTime());
        writeAddress(o.bgpId(), out);
        if (o.optionalParameters() != null) {
            out.writeByte(o.optionalParameters().length);
            out.writeBytes(o.optionalParameters());
            return;
        }
        // RFC 5492: one Capabilities parameter (type 2) per capability, as most speakers send them
        List<Open.Capability> caps = o.capabilities();
        int total = 0;
        for (Open.Capability c : caps) total += 4 + c.value().length;
        if (total <= 255) {
            out.writeByte(total);
            for (Open.Capability c : caps) {
                out.writeByte(2);
                out.writeByte(2 + c.value().length);
                out.writeByte(c.code());
                out.writeByte(c.value().length);
                out.writeBytes(c.value());
            }
            return;
        }
        // RFC 9072: extended optional parameters length, 2-octet parameter lengths
        out.writeByte(255);
        out.writeByte(255);
        out.writeShort(total + caps.size());
        for (Open.Capability c : caps) {
            out.writeByte(2);
            out.writeShort(2 + c.value().length);
            out.writeByte(c.code());
            out.writeByte(c.value().length);
            out.writeBytes(c.value());
        }
    }

    private static void update(Update u, ByteBuf out) {
        int at = out.writerIndex();
        out.writeShort(0);
        encodeNlri(u.withdrawn(), out);
        out.setShort(at, out.writerIndex() - at - 2);
        at = out.writerIndex();
        out.writeShort(0);
        encodeAttributes(u.attributes(), out);
        out.setShort(at, out.writerIndex() - at - 2);
        encodeNlri(u.nlri(), out);
    }

    /** Writes a path attribute section (without its length field), attributes in list order. */
    public static void encodeAttributes(PathAttributes attributes, ByteBuf out) {
        for (PathAttribute a : attributes.list()) encodeAttribute(a, out);
    }

    /**
     * Writes one attribute: flags octet as kept, type, 1- or 2-octet length as the extended-length
     * flag says (set when the value does not fit one octet), value.
     */
    public static void encodeAttribute(PathAttribute a, ByteBuf out) {
        if (a instanceof MalformedAttribute m && TRUNCATED_HEADER.equals(m.reason())) {
            truncatedHeader(m, out);
            return;
        }
        int flags = a.flags();
        boolean extended = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
        if (a instanceof MalformedAttribute m && AttributeDecoder.overrunLength(m) >= 0) {
            // cut off by the end of the section: write the length it claimed, then the bytes there were
            out.writeByte(flags);
            out.writeByte(m.typeCode());
            if (extended) out.writeShort(AttributeDecoder.overrunLength(m));
            else out.writeByte(AttributeDecoder.overrunLength(m));
            out.writeBytes(m.value());
            return;
        }
        int start = out.writerIndex();
        out.writeByte(flags);
        out.writeByte(a.typeCode());
        if (extended) out.writeShort(0);
        else out.writeByte(0);
        int v = out.writerIndex();
        value(a, out);
        int len = out.writerIndex() - v;
        if (extended) {
            if (len > 0xffff) throw new IllegalArgumentException("attribute " + a.typeCode() + " of " + len + " octets");
            out.setShort(v - 2, len);
        } else if (len <= 0xff) {
            out.setByte(v - 1, len);
        } else {
            // the value does not fit a 1-octet length: switch to the extended form (RFC 4271 4.3)
            byte[] value = new byte[len];
            out.getBytes(v, value);
            out.writerIndex(start);
            out.writeByte(flags | PathAttribute.EXTENDED_LENGTH);
            out.writeByte(a.typeCode());
            out.writeShort(len);
            out.writeBytes(value);
        }
    }

    /** The decoders' reason for an attribute whose header is cut off by the end of the section. */
    static final String TRUNCATED_HEADER = "truncated attribute header";

    /**
     * A header cut off by the end of the section is kept as the bytes that were there: either the
     * whole remainder (1 or 2 octets, the first being the flags octet) or, for an extended-length
     * attribute with only one length octet, flags and type then that octet.
     */
    private static void truncatedHeader(MalformedAttribute m, ByteBuf out) {
        byte[] v = m.value();
        boolean whole = v.length >= 1 && v.length <= 2 && (v[0] & 0xff) == m.flags()
                && (v.length == 2 ? (v[1] & 0xff) == m.typeCode() : m.typeCode() == 0);
        if (!whole) {
            out.writeByte(m.flags());
            out.writeByte(m.typeCode());
        }
        out.writeBytes(v);
    }

    private static void value(PathAttribute a, ByteBuf out) {
        switch (a) {
            case Origin o -> out.writeByte(o.value());
            case AsPathAttr p -> writeAsPath(p.path(), p.fourOctet(), out);
            case As4PathAttr p -> writeAsPath(p.path(), true, out);
            case NextHop n -> writeAddress(n.address(), out);
            case MultiExitDisc m -> out.writeInt((int) m.value());
            case LocalPref l -> out.writeInt((int) l.value());
            case AtomicAggregate x -> { }
            case Aggregator g -> {
                writeAs(g.as(), g.fourOctet(), out);
                writeAddress(g.address(), out);
            }
            case As4Aggregator g -> {
                out.writeInt((int) g.as());
                writeAddress(g.address(), out);
            }
            case Communities c -> {
                for (int v : c.values()) out.writeInt(v);
            }
            case ExtendedCommunities c -> {
                for (long v : c.values()) out.writeLong(v);
            }
            case LargeCommunities c -> {
                for (int v : c.values()) out.writeInt(v);
            }
            case OriginatorId o -> writeAddress(o.id(), out);
            case ClusterList c -> {
                for (IpAddress id : c.ids()) writeAddress(id, out);
            }
            case MpReachNlri m -> mpReach(m, out);
            case MpUnreachNlri m -> {
                out.writeShort(m.afi());
                out.writeByte(m.safi());
                if (m.unparsedNlri().length > 0) out.writeBytes(m.unparsedNlri());
                else encodeNlri(m.withdrawn(), out);
            }
            case UnknownAttribute u -> out.writeBytes(u.value());
            case MalformedAttribute m -> out.writeBytes(m.value());
        }
    }

    private static void mpReach(MpReachNlri m, ByteBuf out) {
        byte[] nh = m.nextHopBytes();
        if (m.abbreviated()) {
            // RFC 6396 4.3.4: inside TABLE_DUMP_V2 RIB entries only the next hop length and next hop
            if (nh != null) {
                out.writeByte(nh.length);
                out.writeBytes(nh);
            } else {
                writeNextHop(m, out);
            }
            return;
        }
        out.writeShort(m.afi());
        out.writeByte(m.safi());
        if (nh != null) {
            out.writeByte(nh.length);
            out.writeBytes(nh);
        } else {
            writeNextHop(m, out);
        }
        out.writeByte(m.reserved());
        if (m.unparsedNlri().length > 0) out.writeBytes(m.unparsedNlri());
        else encodeNlri(m.nlri(), out);
    }

    /** Next hop length and next hop from the decoded addresses (global, then link-local: RFC 2545 3). */
    private static void writeNextHop(MpReachNlri m, ByteBuf out) {
        IpAddress g = m.nextHop(), ll = m.linkLocalNextHop();
        int len = g == null ? 0 : (g.v6() ? 16 : 4) + (ll != null ? 16 : 0);
        out.writeByte(len);
        if (g != null) writeAddress(g, out);
        if (g != null && ll != null) writeAddress(ll, out);
    }

    /** Writes an AS path: segment type, count, ASNs; segments longer than 255 ASNs are split. */
    public static void writeAsPath(AsPath path, boolean fourOctet, ByteBuf out) {
        for (AsPath.Segment s : path.segments()) {
            long[] asns = s.asns();
            int from = 0;
            do {
                int n = Math.min(255, asns.length - from);
                out.writeByte(s.type().code());
                out.writeByte(n);
                for (int k = from; k < from + n; k++) writeAs(asns[k], fourOctet, out);
                from += n;
            } while (from < asns.length);
        }
    }

    /** A 2- or 4-octet AS number; a 4-octet one in a 2-octet field becomes AS_TRANS (RFC 6793 4.2.2). */
    private static void writeAs(long as, boolean fourOctet, ByteBuf out) {
        if (fourOctet) out.writeInt((int) as);
        else out.writeShort((int) (as > 0xffff ? AS_TRANS : as));
    }

    /**
     * Writes prefixes (RFC 4271 4.3), each preceded by its path identifier when the NLRI has them
     * (RFC 7911), with the host bits they had on the wire, then any bytes the decoder could not parse.
     */
    public static void encodeNlri(Nlri nlri, ByteBuf out) {
        boolean addPath = nlri.addPath();
        for (int i = 0, n = nlri.size(); i < n; i++) {
            if (addPath) out.writeInt((int) nlri.pathId(i));
            writePrefix(nlri.prefix(i).length(), nlri.wireHi(i), nlri.wireLo(i), out);
        }
        out.writeBytes(nlri.unparsed());
    }

    /** Length octet, then the fewest octets that hold the prefix bits. */
    public static void writePrefix(Prefix p, ByteBuf out) {
        writePrefix(p.length(), p.hi(), p.lo(), out);
    }

    private static void writePrefix(int len, long hi, long lo, ByteBuf out) {
        out.writeByte(len);
        int bytes = (len + 7) >>> 3;
        for (int k = 0; k < bytes; k++) {
            out.writeByte((int) (k < 8 ? hi >>> (56 - 8 * k) : lo >>> (120 - 8 * k)));
        }
    }

    /** 4 octets for IPv4, 16 for IPv6. */
    public static void writeAddress(IpAddress a, ByteBuf out) {
        if (a.v6()) {
            out.writeLong(a.hi());
            out.writeLong(a.lo());
        } else {
            out.writeInt(a.v4Address());
        }
    }

    /** The flags octet RFC 4271 5 gives a type code: well-known mandatory, or optional (transitive where defined). */
    public static int defaultFlags(int typeCode) {
        return switch (typeCode) {
            case PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP, PathAttribute.LOCAL_PREF,
                 PathAttribute.ATOMIC_AGGREGATE -> PathAttribute.TRANSITIVE;
            case PathAttribute.MULTI_EXIT_DISC, PathAttribute.ORIGINATOR_ID, PathAttribute.CLUSTER_LIST,
                 PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> PathAttribute.OPTIONAL;
            default -> PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE;
        };
    }
}
