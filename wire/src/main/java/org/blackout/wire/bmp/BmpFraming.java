package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import org.blackout.wire.DecodeException;

/**
 * Framing of a BMP byte stream on the common header (RFC 7854 4.1: version, 4-octet length, type),
 * and finding the next plausible header after damage.
 */
public final class BmpFraming {
    public static final int HEADER = 6, VERSION = 3;
    /** draft-ietf-grow-bmp-tlv: the same messages, Route Monitoring's UPDATE wrapped in indexed TLVs. */
    public static final int VERSION_4 = 4;
    /** Larger than any message a router sends (an UPDATE is at most 64 KiB, RFC 8654), small enough to spot garbage. */
    public static final int MAX_LENGTH = 1 << 20;

    private BmpFraming() {}

    /**
     * The length of the message whose header starts at {@code index}, or -1 when fewer than 6 bytes
     * are available.
     *
     * @throws DecodeException when the header is not a BMP v3 header
     */
    public static int frameLength(ByteBuf buf, int index, int available) {
        if (available < HEADER) return -1;
        int version = buf.getUnsignedByte(index);
        if (version != VERSION && version != VERSION_4) {
            throw new DecodeException("bmp version", "version " + version + ", expected 3 (or 4)");
        }
        long length = buf.getUnsignedInt(index + 1);
        int type = buf.getUnsignedByte(index + 5);
        if (length < minLength(type) || length > MAX_LENGTH) {
            throw new DecodeException("bmp length", "length " + length + " impossible for message type " + type);
        }
        return (int) length;
    }

    /**
     * Whether a plausible header starts at {@code index}: version 3 (or 4), a known type, a length that
     * type allows; for per-peer messages a known peer type; for Route Monitoring and Peer Up the BGP
     * marker where the first BGP message must start; and when the whole message is there, another
     * header (or the end of the data) right after it. Bytes not yet available are given the benefit
     * of the doubt.
     */
    public static boolean plausible(ByteBuf buf, int index, int available) {
        if (available < HEADER) return false;
        int version = buf.getUnsignedByte(index);
        if (version != VERSION && version != VERSION_4) return false;
        int type = buf.getUnsignedByte(index + 5);
        if (type > BmpMessage.ROUTE_MIRRORING) return false;
        long length = buf.getUnsignedInt(index + 1);
        if (length < minLength(type) || length > MAX_LENGTH) return false;
        if (hasPerPeerHeader(type) && available > HEADER
                && buf.getUnsignedByte(index + HEADER) > PerPeerHeader.LOC_RIB_INSTANCE) {
            return false;
        }
        int marker = type == BmpMessage.PEER_UP ? HEADER + PerPeerHeader.SIZE + 20
                : type == BmpMessage.ROUTE_MONITORING && version == VERSION ? HEADER + PerPeerHeader.SIZE : -1;
        if (marker > 0) {
            for (int i = marker, end = Math.min(available, marker + 16); i < end; i++) {
                if (buf.getUnsignedByte(index + i) != 0xff) return false;
            }
        }
        if (length < available) {
            int next = buf.getUnsignedByte(index + (int) length);
            return next == VERSION || next == VERSION_4;
        }
        return true;
    }

    /**
     * The first index in {@code (from, to)} where a plausible header starts, or -1. Bytes that
     * cannot be ruled out yet (a header cut by the end of the data) count as plausible, so a
     * stream reader waits for more bytes rather than skipping past them.
     */
    public static int resync(ByteBuf buf, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int version = buf.getUnsignedByte(i);
            if (version != VERSION && version != VERSION_4) continue;
            int available = to - i;
            if (available < HEADER + 1 || plausible(buf, i, available)) return i;
        }
        return -1;
    }

    static boolean hasPerPeerHeader(int type) {
        return type != BmpMessage.INITIATION && type != BmpMessage.TERMINATION;
    }

    private static int minLength(int type) {
        return switch (type) {
            case BmpMessage.ROUTE_MONITORING -> HEADER + PerPeerHeader.SIZE + 19;
            case BmpMessage.STATISTICS_REPORT -> HEADER + PerPeerHeader.SIZE + 4;
            case BmpMessage.PEER_DOWN -> HEADER + PerPeerHeader.SIZE + 1;
            case BmpMessage.PEER_UP -> HEADER + PerPeerHeader.SIZE + 20 + 2 * 29;
            case BmpMessage.ROUTE_MIRRORING -> HEADER + PerPeerHeader.SIZE;
            default -> HEADER;
        };
    }
}
