package org.blackout.wire.mrt;

import io.netty.buffer.ByteBuf;

/** Decodes one MRT record body (after the common header) into a {@link MrtRecord}. Stateless. */
public final class MrtDecoder {
    public MrtRecord decode(long time, int type, int subtype, long length, ByteBuf body) {
        byte[] b = new byte[body.readableBytes()];
        body.readBytes(b);
        return new UnknownRecord(new MrtHeader(time, type, subtype, length, 0), b);
    }
}
