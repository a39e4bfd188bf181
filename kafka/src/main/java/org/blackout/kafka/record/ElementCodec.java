package org.blackout.kafka.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.AttributeDecoder;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Blackout's Kafka record for one route element (see the package note for why this layout). Value:
 *
 * <pre>
 * version u8 (1) | type u8 | time i64 (µs) | seq i64 | peer AS u32 | flags u8 | peer address (4 or 16)
 * | collector u16 length + UTF-8 | [prefix: length u8, address 4 or 16] | path id i64
 * | [STATE: old u8, new u8] | [attributes: action u8, reason u16 length + UTF-8, u32 length + BGP path attributes]
 * </pre>
 *
 * flags: 1 peer IPv6, 2 prefix present, 4 prefix IPv6, 8 attributes present, 16 4-octet ASNs.
 * Key: the collector and peer ({@link #key}), so one peer's elements share a partition.
 */
public final class ElementCodec {
    public static final int VERSION = 1;
    private static final int PEER_V6 = 1, HAS_PREFIX = 2, PREFIX_V6 = 4, HAS_ATTRIBUTES = 8, FOUR_OCTET = 16;
    private static final int TIME_AT = 2, SEQ_AT = 10;
    private static final ElementType[] TYPES = ElementType.values();
    private static final Rfc7606Action[] ACTIONS = Rfc7606Action.values();

    private ElementCodec() {}

    /** The record key: collector, peer address and AS. */
    public static byte[] key(String collector, RouteElement e) {
        return (collector + " " + e.peerAddress() + " AS" + e.peerAs()).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(ElementRecord r) {
        return encode(r.seq(), r.collector(), r.element());
    }

    public static byte[] encode(long seq, String collector, RouteElement e) {
        ByteBuf out = Unpooled.buffer(96);
        PathAttributes attrs = e.attributes();
        boolean fourOctet = attrs != null && fourOctet(attrs);
        int flags = (e.peerAddress().v6() ? PEER_V6 : 0) | (e.prefix() != null ? HAS_PREFIX : 0)
                | (e.prefix() != null && e.prefix().v6() ? PREFIX_V6 : 0) | (attrs != null ? HAS_ATTRIBUTES : 0)
                | (fourOctet ? FOUR_OCTET : 0);
        out.writeByte(VERSION);
        out.writeByte(e.type().ordinal());
        out.writeLong(e.timeMicros());
        out.writeLong(seq);
        out.writeInt((int) e.peerAs());
        out.writeByte(flags);
        address(e.peerAddress().v6(), e.peerAddress().hi(), e.peerAddress().lo(), out);
        string(collector, out);
        if (e.prefix() != null) {
            out.writeByte(e.prefix().length());
            address(e.prefix().v6(), e.prefix().hi(), e.prefix().lo(), out);
        }
        out.writeLong(e.pathId());
        if (e.type() == ElementType.STATE) {
            out.writeByte(e.oldState());
            out.writeByte(e.newState());
        }
        if (attrs != null) {
            out.writeByte(attrs.action().ordinal());
            string(attrs.reason() == null ? "" : attrs.reason(), out);
            int at = out.writerIndex();
            out.writeInt(0);
            BgpEncoder.encodeAttributes(forElement(attrs), out);
            out.setInt(at, out.writerIndex() - at - 4);
        }
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** The data time of an encoded record, without decoding it. */
    public static long timeMicros(byte[] value) {
        check(value, TIME_AT + 8, "time");
        return Unpooled.wrappedBuffer(value).getLong(TIME_AT);
    }

    /** The publisher's sequence number of an encoded record, without decoding it. */
    public static long seq(byte[] value) {
        check(value, SEQ_AT + 8, "seq");
        return Unpooled.wrappedBuffer(value).getLong(SEQ_AT);
    }

    /** @throws DecodeException naming the field and byte offset that does not fit */
    public static ElementRecord decode(byte[] value) {
        ByteBuf in = Unpooled.wrappedBuffer(value);
        String field = "version";
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw bad("version", version + " (expected " + VERSION + ")", 0);
            field = "type";
            int type = in.readUnsignedByte();
            if (type >= TYPES.length) throw bad("type", "unknown type " + type, 1);
            field = "time";
            long time = in.readLong();
            long seq = in.readLong();
            field = "peer";
            long peerAs = in.readUnsignedInt();
            int flags = in.readUnsignedByte();
            IpAddress peer = address((flags & PEER_V6) != 0, in);
            field = "collector";
            String collector = string(in);
            Prefix prefix = null;
            if ((flags & HAS_PREFIX) != 0) {
                field = "prefix";
                int len = in.readUnsignedByte();
                IpAddress a = address((flags & PREFIX_V6) != 0, in);
                prefix = new Prefix(a.v6(), a.hi(), a.lo(), len);
            }
            field = "path id";
            long pathId = in.readLong();
            int oldState = 0, newState = 0;
            if (TYPES[type] == ElementType.STATE) {
                field = "state";
                oldState = in.readUnsignedByte();
                newState = in.readUnsignedByte();
            }
            PathAttributes attrs = null;
            if ((flags & HAS_ATTRIBUTES) != 0) {
                field = "attributes";
                int action = in.readUnsignedByte();
                if (action >= ACTIONS.length) throw bad("attributes", "unknown RFC 7606 action " + action, in.readerIndex() - 1);
                String reason = string(in);
                long len = in.readUnsignedInt();
                int from = in.readerIndex();
                if (len > in.readableBytes()) throw bad("attributes", len + " bytes claimed, "
                        + in.readableBytes() + " left", from - 4);
                PathAttributes decoded = AttributeDecoder.decode(in, from, from + (int) len,
                        (flags & FOUR_OCTET) != 0 ? 4 : 2, false, false);
                attrs = new PathAttributes(decoded.list(), ACTIONS[action], reason.isEmpty() ? null : reason);
                in.skipBytes((int) len);
            }
            return new ElementRecord(seq, collector, new RouteElement(time, TYPES[type], peer, peerAs, prefix, pathId,
                    attrs, oldState, newState));
        } catch (IndexOutOfBoundsException e) {
            throw bad(field, "truncated: the record has " + value.length + " bytes", in.readerIndex());
        } catch (IllegalArgumentException e) {
            throw bad(field, e.getMessage(), in.readerIndex());
        }
    }

    /** The attributes as the element needs them: MP_REACH without its NLRI list, MP_UNREACH left out. */
    private static PathAttributes forElement(PathAttributes attrs) {
        List<PathAttribute> list = new ArrayList<>(attrs.list().size());
        for (PathAttribute a : attrs.list()) {
            switch (a) {
                case MpUnreachNlri u -> { }
                case MpReachNlri m -> list.add(new MpReachNlri(m.flags(), m.afi(), m.safi(), m.nextHopBytes(), m.nextHop(),
                        m.linkLocalNextHop(), m.reserved(), Nlri.EMPTY, new byte[0], false));
                default -> list.add(a);
            }
        }
        return new PathAttributes(list, attrs.action(), attrs.reason());
    }

    private static boolean fourOctet(PathAttributes attrs) {
        for (PathAttribute a : attrs.list()) {
            if (a instanceof AsPathAttr p) return p.fourOctet();
            if (a instanceof Aggregator g) return g.fourOctet();
        }
        return true;
    }

    private static void address(boolean v6, long hi, long lo, ByteBuf out) {
        if (v6) {
            out.writeLong(hi);
            out.writeLong(lo);
        } else {
            out.writeInt((int) (hi >>> 32));
        }
    }

    private static IpAddress address(boolean v6, ByteBuf in) {
        if (v6) return IpAddress.v6(in.readLong(), in.readLong());
        return IpAddress.v4(in.readInt());
    }

    private static void string(String s, ByteBuf out) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.writeBytes(b);
    }

    private static String string(ByteBuf in) {
        int len = in.readUnsignedShort();
        byte[] b = new byte[len];
        in.readBytes(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static DecodeException bad(String field, String why, int offset) {
        return new DecodeException("element record " + field, why + " (byte " + offset + ")");
    }

    private static void check(byte[] value, int need, String field) {
        if (value.length < need) throw bad(field, "truncated: the record has " + value.length + " bytes", value.length);
    }
}
