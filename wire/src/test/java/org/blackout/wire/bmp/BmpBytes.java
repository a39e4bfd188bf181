package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Builds BMP and BGP messages byte by byte (lengths computed), for tests. */
final class BmpBytes {
    private BmpBytes() {}

    static byte[] hex(String s) {
        return ByteBufUtil.decodeHexDump(s.replace(" ", ""));
    }

    static byte[] bmp(int type, byte[]... parts) {
        return bmp(3, type, parts);
    }

    static byte[] bmp(int version, int type, byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(version).writeInt(0).writeByte(type);
        for (byte[] p : parts) b.writeBytes(p);
        b.setInt(1, b.readableBytes());
        return ByteBufUtil.getBytes(b);
    }

    /** A per-peer header; {@code address} is 4 or 16 bytes (IPv4 is placed in the last 4). */
    static byte[] perPeer(int peerType, int flags, long rd, byte[] address, long as, String bgpId, long sec, long usec) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(peerType).writeByte(flags).writeLong(rd);
        if (address.length == 4) b.writeZero(12);
        b.writeBytes(address);
        b.writeInt((int) as).writeBytes(hex(bgpId)).writeInt((int) sec).writeInt((int) usec);
        return ByteBufUtil.getBytes(b);
    }

    static byte[] bgp(int type, byte[] body) {
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(hex("ffffffffffffffffffffffffffffffff")).writeShort(19 + body.length).writeByte(type).writeBytes(body);
        return ByteBufUtil.getBytes(b);
    }

    /** UPDATE with the given withdrawn routes, attributes and NLRI fields (raw). */
    static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(withdrawn.length).writeBytes(withdrawn).writeShort(attributes.length).writeBytes(attributes)
                .writeBytes(nlri);
        return bgp(2, ByteBufUtil.getBytes(b));
    }

    /** OPEN with the 4-octet AS capability and, when {@code addPathDirection} > 0, ADD-PATH for IPv4 unicast. */
    static byte[] open(long as, String bgpId, int addPathDirection) {
        ByteBuf caps = Unpooled.buffer();
        caps.writeByte(65).writeByte(4).writeInt((int) as);
        if (addPathDirection > 0) caps.writeByte(69).writeByte(4).writeShort(1).writeByte(1).writeByte(addPathDirection);
        ByteBuf b = Unpooled.buffer();
        b.writeByte(4).writeShort(as > 65535 ? 23456 : (int) as).writeShort(180).writeBytes(hex(bgpId));
        b.writeByte(caps.readableBytes() + 2).writeByte(2).writeByte(caps.readableBytes()).writeBytes(caps);
        return bgp(1, ByteBufUtil.getBytes(b));
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) b.writeBytes(p);
        return ByteBufUtil.getBytes(b);
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] tlv(int type, byte[] value) {
        return concat(u16(type), u16(value.length), value);
    }
}
