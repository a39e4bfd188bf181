package org.blackout.wire.mrt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads MRT records one at a time from a stream, in constant memory (one reusable record buffer).
 * A damaged record is reported to the {@link #onError listener} with source name and byte offset,
 * skipped, and reading resumes at the next sane record boundary; {@link #next()} only throws for
 * I/O errors of the underlying stream.
 */
public final class MrtReader implements Closeable {
    private final InputStream in;
    private final String sourceName;
    private final MrtDecoder decoder = new MrtDecoder();
    private Consumer<MrtDecodeException> listener = e -> { };
    private byte[] buf = new byte[1 << 16];
    private long offset;
    private long skipped;

    public MrtReader(InputStream in, String sourceName) {
        this.in = in;
        this.sourceName = sourceName;
    }

    public void onError(Consumer<MrtDecodeException> listener) {
        this.listener = listener;
    }

    /** Records skipped as damaged so far. */
    public long skipped() {
        return skipped;
    }

    public String sourceName() {
        return sourceName;
    }

    /** Byte offset of the next record in the decompressed stream. */
    public long offset() {
        return offset;
    }

    /** The next record, or null at the end of the stream. */
    public MrtRecord next() throws IOException {
        while (true) {
            long start = offset;
            int n = readFully(buf, 0, 12);
            if (n == 0) return null;
            if (n < 12) {
                report(start, "header", "truncated stream: " + n + " of 12 header bytes");
                return null;
            }
            offset += 12;
            ByteBuf h = Unpooled.wrappedBuffer(buf, 0, 12);
            long time = h.getUnsignedInt(0);
            int type = h.getUnsignedShort(4);
            int subtype = h.getUnsignedShort(6);
            long length = h.getUnsignedInt(8);
            if (length > MAX_RECORD) {
                report(start, "length", "record length " + length + " exceeds " + MAX_RECORD);
                return null; // no sane boundary to resume from
            }
            int len = (int) length;
            if (buf.length < len) buf = new byte[Math.max(len, buf.length * 2)];
            int got = readFully(buf, 0, len);
            offset += got;
            if (got < len) {
                report(start, "body", "truncated stream: " + got + " of " + len + " body bytes");
                return null;
            }
            try {
                return decoder.decode(time, type, subtype, length, Unpooled.wrappedBuffer(buf, 0, len));
            } catch (org.blackout.wire.DecodeException | IndexOutOfBoundsException e) {
                String field = e instanceof org.blackout.wire.DecodeException d ? d.field() : "record";
                String reason = e instanceof org.blackout.wire.DecodeException d ? d.reason() : "record too short";
                report(start, "type " + type + "/" + subtype + " " + field, reason);
            }
        }
    }

    /** Largest record body accepted; larger length fields are damage, not data. */
    static final long MAX_RECORD = 16L << 20;

    private void report(long at, String field, String reason) {
        skipped++;
        listener.accept(new MrtDecodeException(sourceName, at, field, reason));
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r;
            try {
                r = in.read(b, off + n, len - n);
            } catch (EOFException e) {
                // a truncated compressed stream (e.g. the first MiB of a bz2 file) ends here
                break;
            }
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
