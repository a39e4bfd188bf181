package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import org.blackout.wire.DecodeException;

/**
 * Reads every message of a complete BMP byte stream (a file, or a TCP stream taken from a capture).
 * A message that does not decode is reported and skipped; a header that is not a BMP header is
 * reported and the reader moves to the next plausible header.
 */
public final class BmpStreamReader {
    /** Receives each message or error with the byte offset of its header in the stream. */
    public interface Visitor {
        void message(long offset, BmpMessage m);

        void error(long offset, DecodeException e);
    }

    private BmpStreamReader() {}

    /** Reads {@code buf}'s readable bytes; returns the number of messages decoded. */
    public static int read(ByteBuf buf, BmpSession session, Visitor visitor) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        int start = i;
        int n = 0;
        while (i < end) {
            int len;
            try {
                len = BmpFraming.frameLength(buf, i, end - i);
            } catch (DecodeException e) {
                visitor.error(i - start, e);
                int next = BmpFraming.resync(buf, i, end);
                if (next < 0) break;
                i = next;
                continue;
            }
            if (len < 0 || i + len > end) {
                visitor.error(i - start, new DecodeException("bmp message", "truncated: stream ends after "
                        + (end - i) + " of " + (len < 0 ? "6 header" : len) + " bytes"));
                break;
            }
            try {
                visitor.message(i - start, session.decode(buf, i, i + len));
                n++;
            } catch (DecodeException e) {
                visitor.error(i - start, e);
            }
            i += len;
        }
        buf.readerIndex(end);
        return n;
    }
}
