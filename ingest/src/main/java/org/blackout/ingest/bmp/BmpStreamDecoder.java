package org.blackout.ingest.bmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpFraming;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpSession;

/**
 * Frames one router's BMP byte stream on the common header's length and decodes each message
 * with the connection's {@link BmpSession}. Damage (a header that is not BMP, a message that does
 * not decode) is passed on as {@link Damaged} once, then the stream is searched byte by byte for the
 * next header that decodes; the first good message after damage is preceded by a {@link Damaged}
 * saying how much was skipped. A stream with no BMP header in {@link #GIVE_UP} bytes is closed.
 */
final class BmpStreamDecoder extends ByteToMessageDecoder {
    /** A decoded message and the offset of its header in the stream. */
    record Decoded(long offset, BmpMessage message) {}

    /** Damage at {@code offset} in the stream. */
    record Damaged(long offset, String problem) {}

    static final int GIVE_UP = 1 << 20;

    private final BmpSession session = new BmpSession();
    private long offset; // stream offset of the reader index
    private long damagedAt = -1; // where the current run of damage started, -1 when in sync
    private boolean closing;

    BmpSession session() {
        return session;
    }

    /**
     * Decodes at most one message per call, so that the handler after this one sees it (and may pause
     * the connection) before the next is decoded: bytes already read stay here, undecoded, while the
     * connection is paused. {@link Delivery} resumes decoding when it resumes reading.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && (closing || ctx.channel().config().isAutoRead())) {
            int start = in.readerIndex();
            int available = in.readableBytes();
            int length;
            try {
                length = BmpFraming.frameLength(in, start, available);
            } catch (DecodeException e) {
                damage(e.getMessage(), out);
                if (!skip(ctx, in, out)) return;
                continue;
            }
            if (length < 0 || length > available) return; // wait for the rest
            BmpMessage m;
            try {
                m = session.decode(in, start, start + length);
            } catch (DecodeException e) {
                damage(e.getMessage(), out);
                if (!skip(ctx, in, out)) return;
                continue;
            }
            if (damagedAt >= 0) {
                out.add(new Damaged(damagedAt, "resynchronised at offset " + offset + " after skipping "
                        + (offset - damagedAt) + " bytes"));
                damagedAt = -1;
            }
            out.add(new Decoded(offset, m));
            in.skipBytes(length);
            offset += length;
            return;
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        closing = true; // deliver everything read, paused or not
        while (in.isReadable()) {
            int before = in.readableBytes();
            decode(ctx, in, out);
            if (in.readableBytes() == before) break;
        }
        if (in.isReadable()) {
            out.add(new Damaged(offset, "connection closed " + in.readableBytes() + " bytes into a message"));
            offset += in.readableBytes();
            in.skipBytes(in.readableBytes());
        }
    }

    private void damage(String problem, List<Object> out) {
        if (damagedAt >= 0) return; // already reported this run
        damagedAt = offset;
        out.add(new Damaged(offset, problem));
    }

    /** Moves to the next plausible header; false when the connection was closed instead. */
    private boolean skip(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int next = BmpFraming.resync(in, start, end);
        int n = (next < 0 ? end : next) - start;
        in.skipBytes(n);
        offset += n;
        if (offset - damagedAt > GIVE_UP) {
            out.add(new Damaged(damagedAt, "no BMP message in " + (offset - damagedAt) + " bytes: closing"));
            in.skipBytes(in.readableBytes());
            ctx.close();
            return false;
        }
        return next >= 0;
    }
}
