package org.blackout.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.blackout.wire.DecodeException;
import org.blackout.wire.net.Prefix;

/** Decodes a run of prefixes (RFC 4271 4.3 encoding, with RFC 7911 path identifiers when asked). */
public final class NlriDecoder {
    private NlriDecoder() {}

    /**
     * Decodes the prefixes in {@code buf[from, to)}. Host bits beyond the prefix length are cleared
     * (stray bits are common in old data and meaningless).
     *
     * @throws DecodeException when a prefix is longer than the family allows or overruns the field
     */
    public static Nlri decode(ByteBuf buf, int from, int to, boolean v6, boolean addPath, String field) {
        return decode(buf, from, to, v6, addPath, field, null);
    }

    /**
     * Like {@link #decode(ByteBuf, int, int, boolean, boolean, String)}, but when {@code error} is not
     * null a malformed prefix ends the list instead of throwing: the prefixes before it are returned
     * and {@code error[0]} says what was wrong (bgpdump and most collectors' tools behave the same).
     */
    public static Nlri decode(ByteBuf buf, int from, int to, boolean v6, boolean addPath, String field,
            String[] error) {
        if (from >= to) return Nlri.EMPTY;
        try {
            return decode0(buf, from, to, v6, addPath, field, error);
        } catch (Partial p) {
            error[0] = p.getMessage();
            return p.nlri;
        }
    }

    /** Carries the prefixes decoded before a malformed one. */
    private static final class Partial extends RuntimeException {
        final Nlri nlri;

        Partial(String message, Nlri nlri) {
            super(message, null, false, false);
            this.nlri = nlri;
        }
    }

    private static DecodeException fail(String field, String reason, String[] error, Prefix[] out, long[] ids,
            long[] wire, int n, ByteBuf buf, int failedAt, int to) {
        if (error == null) throw new DecodeException(field, reason);
        byte[] rest = new byte[to - failedAt];
        buf.getBytes(failedAt, rest);
        throw new Partial(field + ": " + reason, new Nlri(Arrays.copyOf(out, n),
                ids == null ? null : Arrays.copyOf(ids, n), wire == null ? null : Arrays.copyOf(wire, 2 * n), rest));
    }

    private static Nlri decode0(ByteBuf buf, int from, int to, boolean v6, boolean addPath, String field,
            String[] error) {
        int max = v6 ? 128 : 32;
        Prefix[] out = new Prefix[Math.min(16, (to - from) / (addPath ? 5 : 1) + 1)];
        long[] ids = addPath ? new long[out.length] : null;
        long[] wire = null;
        int n = 0;
        int i = from;
        while (i < to) {
            int at = i;
            long id = 0;
            if (addPath) {
                if (i + 4 > to) throw fail(field, "truncated path identifier at byte " + i, error, out, ids, wire, n, buf, at, to);
                id = buf.getUnsignedInt(i);
                i += 4;
                if (i >= to) throw fail(field, "path identifier without prefix at byte " + i, error, out, ids, wire, n, buf, at, to);
            }
            int len = buf.getUnsignedByte(i++);
            if (len > max) throw fail(field, "prefix length " + len + " > " + max, error, out, ids, wire, n, buf, at, to);
            int bytes = (len + 7) >>> 3;
            if (i + bytes > to) {
                throw fail(field, "prefix /" + len + " overruns the field by " + (i + bytes - to) + " bytes", error,
                        out, ids, wire, n, buf, at, to);
            }
            long hi = 0, lo = 0;
            if (!v6) {
                int a = 0;
                for (int k = 0; k < bytes; k++) a |= buf.getUnsignedByte(i + k) << (24 - 8 * k);
                hi = ((long) a) << 32;
            } else {
                for (int k = 0; k < bytes; k++) {
                    long b = buf.getUnsignedByte(i + k);
                    if (k < 8) hi |= b << (56 - 8 * k);
                    else lo |= b << (120 - 8 * k);
                }
            }
            Prefix p = new Prefix(v6, hi, lo, len);
            i += bytes;
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
                if (ids != null) ids = Arrays.copyOf(ids, n * 2);
                if (wire != null) wire = Arrays.copyOf(wire, n * 4);
            }
            if (wire == null && (p.hi() != hi || p.lo() != lo)) {
                wire = new long[out.length * 2]; // first prefix with stray host bits: start keeping wire bits
                for (int k = 0; k < n; k++) {
                    wire[2 * k] = out[k].hi();
                    wire[2 * k + 1] = out[k].lo();
                }
            }
            if (wire != null) {
                wire[2 * n] = hi;
                wire[2 * n + 1] = lo;
            }
            if (ids != null) ids[n] = id;
            out[n++] = p;
        }
        if (n != out.length) {
            out = Arrays.copyOf(out, n);
            if (ids != null) ids = Arrays.copyOf(ids, n);
        }
        if (wire != null && wire.length != 2 * n) wire = Arrays.copyOf(wire, 2 * n);
        return wire == null ? new Nlri(out, ids) : new Nlri(out, ids, wire, new byte[0]);
    }
}
