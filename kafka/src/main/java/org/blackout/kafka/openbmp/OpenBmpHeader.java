package org.blackout.kafka.openbmp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.blackout.wire.DecodeException;
import org.blackout.wire.net.IpAddress;

/**
 * OpenBMP's binary message-bus header, version 1.7 (all integers big-endian):
 *
 * <pre>
 * magic "OBMP" | major u8 | minor u8 | header length u16 | message length u32 | flags u8 | object type u8
 * | collector time: seconds u32, microseconds u32 | collector hash 16 | admin id length u16 + bytes
 * | router hash 16 | router IP 16 (IPv4 in the first 4 bytes) | router group length u16 + bytes | row count u32
 * </pre>
 *
 * flags: 0x80 the message comes from a router, 0x40 the router's address is IPv6. Object type 12 is BMP_RAW.
 */
public record OpenBmpHeader(int major, int minor, int headerLength, long messageLength, int flags, int objectType,
        long collectorTimeMicros, byte[] collectorHash, String adminId, byte[] routerHash, IpAddress routerIp,
        String routerGroup, long rowCount) {

    public static final int MAGIC = 0x4F424D50; // "OBMP"
    public static final int BMP_RAW = 12;
    public static final int ROUTER_MESSAGE = 0x80, ROUTER_V6 = 0x40;

    public boolean fromRouter() {
        return (flags & ROUTER_MESSAGE) != 0;
    }

    /**
     * Reads the header at the buffer's reader index and leaves the reader index on the BMP message.
     *
     * @throws DecodeException naming the field and byte offset of a header that is not OpenBMP 1.7 raw
     */
    public static OpenBmpHeader read(ByteBuf in) {
        int start = in.readerIndex();
        String field = "magic";
        try {
            int magic = in.readInt();
            if (magic != MAGIC) throw bad(field, String.format("0x%08x is not \"OBMP\"", magic), 0);
            field = "version";
            int major = in.readUnsignedByte(), minor = in.readUnsignedByte();
            if (major != 1 || minor != 7) throw bad(field, major + "." + minor + " (only 1.7 is read)", 4);
            field = "header length";
            int headerLength = in.readUnsignedShort();
            long messageLength = in.readUnsignedInt();
            int flags = in.readUnsignedByte();
            field = "object type";
            int type = in.readUnsignedByte();
            field = "collector timestamp";
            long seconds = in.readUnsignedInt(), micros = in.readUnsignedInt();
            field = "collector hash";
            byte[] collectorHash = bytes(in, 16);
            field = "admin id";
            String adminId = new String(bytes(in, in.readUnsignedShort()), StandardCharsets.UTF_8);
            field = "router hash";
            byte[] routerHash = bytes(in, 16);
            field = "router ip";
            IpAddress router;
            if ((flags & ROUTER_V6) != 0) {
                router = IpAddress.v6(in.readLong(), in.readLong());
            } else {
                router = IpAddress.v4(in.readInt());
                in.skipBytes(12);
            }
            field = "router group";
            String group = new String(bytes(in, in.readUnsignedShort()), StandardCharsets.UTF_8);
            field = "row count";
            long rows = in.readUnsignedInt();
            int read = in.readerIndex() - start;
            if (headerLength < read) throw bad("header length", headerLength + " is shorter than the " + read
                    + " bytes of its fields", 6);
            in.readerIndex(start + headerLength); // a newer minor version may append fields: skip them
            return new OpenBmpHeader(major, minor, headerLength, messageLength, flags, type, seconds * 1_000_000L + micros,
                    collectorHash, adminId, routerHash, router, group, rows);
        } catch (IndexOutOfBoundsException e) {
            throw bad(field, "truncated: the record has " + (in.writerIndex() - start) + " bytes", in.readerIndex() - start);
        }
    }

    /** Writes this header (its length fields recomputed); {@code messageLength} as given. */
    public void write(ByteBuf out) {
        byte[] admin = adminId.getBytes(StandardCharsets.UTF_8), group = routerGroup.getBytes(StandardCharsets.UTF_8);
        int length = 4 + 2 + 2 + 4 + 1 + 1 + 8 + 16 + 2 + admin.length + 16 + 16 + 2 + group.length + 4;
        out.writeInt(MAGIC);
        out.writeByte(1);
        out.writeByte(7);
        out.writeShort(length);
        out.writeInt((int) messageLength);
        out.writeByte(flags | (routerIp.v6() ? ROUTER_V6 : 0));
        out.writeByte(objectType);
        out.writeInt((int) (collectorTimeMicros / 1_000_000L));
        out.writeInt((int) (collectorTimeMicros % 1_000_000L));
        out.writeBytes(collectorHash, 0, 16);
        out.writeShort(admin.length);
        out.writeBytes(admin);
        out.writeBytes(routerHash, 0, 16);
        if (routerIp.v6()) {
            out.writeLong(routerIp.hi());
            out.writeLong(routerIp.lo());
        } else {
            out.writeInt(routerIp.v4Address());
            out.writeZero(12);
        }
        out.writeShort(group.length);
        out.writeBytes(group);
        out.writeInt((int) rowCount);
    }

    private static byte[] bytes(ByteBuf in, int n) {
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    private static DecodeException bad(String field, String why, int offset) {
        return new DecodeException("openbmp header " + field, why + " (byte " + offset + ")");
    }
}
