package org.blackout.ingest.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.blackout.ingest.rislive.RisMessageDecoder;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.BmpStreamReader;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;

/**
 * The decoders' contracts on any bytes, one entry point per decoder, shared by the Jazzer targets
 * ({@code bench/fuzz}) and the regression test over the inputs they found: damaged input is
 * reported ({@link DecodeException}, a skipped-record report, a {@code Malformed} result) and never
 * escapes as any other exception, a hang or an unbounded allocation.
 */
public final class Fuzzers {
    private Fuzzers() {}

    /** An MRT stream: every record read and flattened to route elements; damage is reported and skipped. */
    public static void mrt(byte[] data) {
        MrtReader r = new MrtReader(new ByteArrayInputStream(data), "fuzz");
        r.onError(e -> { });
        RouteElements elements = new RouteElements();
        try {
            for (MrtRecord rec; (rec = r.next()) != null; ) elements.accept(rec, e -> e.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail to read: a bug
        }
    }

    /** One BGP message with its header; the first byte picks 4-octet AS and ADD-PATH. */
    public static void bgp(byte[] data) {
        if (data.length == 0) return;
        boolean as4 = (data[0] & 1) != 0, addPath = (data[0] & 2) != 0;
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            BgpMessage m = BgpDecoder.isCutUpdate(buf, 1, data.length)
                    ? BgpDecoder.decodeCutUpdate(buf, 1, data.length, as4, addPath)
                    : BgpDecoder.decodeMessage(buf, 1, data.length, as4, addPath);
            String.valueOf(m);
        } catch (DecodeException expected) {
            // the documented answer to malformed input
        }
    }

    /** A BMP byte stream (as a router sends it): messages decoded and turned into route elements. */
    public static void bmp(byte[] data) {
        BmpSession session = new BmpSession();
        BmpStreamReader.read(Unpooled.wrappedBuffer(data), session, new BmpStreamReader.Visitor() {
            @Override
            public void message(long offset, BmpMessage m) {
                try {
                    BmpRouteElements.accept(m, 0, e -> e.toString());
                } catch (DecodeException expected) {
                    // an UPDATE inside that does not decode
                }
            }

            @Override
            public void error(long offset, DecodeException e) {
                if (offset < 0 || offset > data.length) throw new IllegalStateException("error offset " + offset + " outside the stream");
            }
        });
    }

    /**
     * A RIS Live text: decoded to events, ignored or reported malformed, never thrown. The decoder
     * turns any exception of a message into {@code Malformed}; one that names a programming error
     * (null, cast, index, arithmetic, state) rather than bad input is a crash here.
     */
    public static void risLive(byte[] data) {
        RisMessageDecoder.Result r = new RisMessageDecoder().decode(new String(data, StandardCharsets.UTF_8));
        if (r == null) throw new IllegalStateException("no result");
        if (r instanceof RisMessageDecoder.Result.Malformed m && BUGS.matcher(m.why()).lookingAt()) {
            throw new IllegalStateException("a decoder bug reported as malformed input: " + m.why());
        }
    }

    private static final java.util.regex.Pattern BUGS = java.util.regex.Pattern.compile(
            "(NullPointer|ClassCast|(Array|String)?IndexOutOfBounds|NegativeArraySize|Arithmetic|IllegalState|UnsupportedOperation)Exception");
}
