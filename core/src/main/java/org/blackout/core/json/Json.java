package org.blackout.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The one way Blackout writes JSON: Jackson's streaming {@link JsonGenerator} from {@link #FACTORY},
 * with the number style of the published formats ({@link #number}) and times as ISO-8601 UTC
 * ({@link #time}). Writers of a format take a generator, so a stream of lines shares one.
 */
public final class Json {
    private Json() {}

    /**
     * BigDecimals in plain notation, targets left open (a generator over stdout must not close it),
     * nothing between top-level values (JSON-lines writers end each line themselves).
     */
    public static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .rootValueSeparator((String) null)
            .build();

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /** One JSON value as a string. */
    public static String string(Writer w) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One JSON value as UTF-8 bytes. */
    public static byte[] bytes(Writer w, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(sizeHint, 32));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A number as the published formats print it: integral values as integers, other values rounded
     * to the nearest 0.0001 and printed without trailing zeros or exponent (a /26 is 0.25 of a /24),
     * NaN and infinities as null.
     */
    public static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else if (Math.abs(v) < 1e14) {
            long scaled = Math.round(v * 10_000);
            if (scaled % 10_000 == 0) g.writeNumber(scaled / 10_000);
            else g.writeNumber(BigDecimal.valueOf(scaled, 4).stripTrailingZeros());
        } else if (Math.abs(v) >= 0x1p52) { // every such double is an integer
            if (Math.abs(v) < 0x1p62) g.writeNumber((long) v);
            else g.writeNumber(BigDecimal.valueOf(v));
        } else {
            g.writeNumber(BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros());
        }
    }

    /** A field holding {@link #number}. */
    public static void number(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        number(g, v);
    }

    /** A field holding an ISO-8601 UTC time as {@link Instant#toString()} prints it, or null. */
    public static void time(JsonGenerator g, String name, Instant t) throws IOException {
        g.writeFieldName(name);
        if (t == null) g.writeNull();
        else g.writeString(iso(t));
    }

    private record Stamp(Instant time, String text) {}

    private static volatile Stamp lastStamp = new Stamp(Instant.EPOCH, Instant.EPOCH.toString());

    /**
     * {@link Instant#toString()}, remembering the last one: a bin's signals all carry its time, and
     * the formatter costs more than the rest of a signal's line.
     */
    public static String iso(Instant t) {
        Stamp s = lastStamp;
        if (s.time().equals(t)) return s.text();
        String text = t.toString();
        lastStamp = new Stamp(t, text);
        return text;
    }
}
