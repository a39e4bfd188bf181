package org.blackout.pipeline.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A large byte buffer for ASCII text written straight to an output stream: numbers and addresses
 * are formatted into it without intermediate strings.
 */
public final class AsciiOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes();
    private final OutputStream os;
    private byte[] b;
    private int n;

    public AsciiOut(OutputStream os, int size) {
        this.os = os;
        this.b = new byte[size];
    }

    /** A growable scratch buffer for a piece of text that is built once and copied often. */
    static AsciiOut scratch() {
        return new AsciiOut(null, 256);
    }

    /** Empties a scratch buffer. */
    AsciiOut reset() {
        n = 0;
        return this;
    }

    /** Appends the contents of a scratch buffer. */
    AsciiOut append(AsciiOut piece) {
        int k = piece.n;
        if (b.length - n < k) room(k);
        System.arraycopy(piece.b, 0, b, n, k);
        n += k;
        return this;
    }

    private void room(int k) {
        if (n + k <= b.length) return;
        if (os == null) { // a scratch buffer grows
            b = java.util.Arrays.copyOf(b, Math.max(n + k, b.length * 2));
            return;
        }
        flushBuffer();
        if (k > b.length) b = new byte[Math.max(k, b.length * 2)];
    }

    public AsciiOut ch(char c) {
        if (n == b.length) room(1);
        b[n++] = (byte) c;
        return this;
    }

    public AsciiOut str(String s) {
        int len = s.length();
        room(len);
        for (int i = 0; i < len; i++) b[n++] = (byte) s.charAt(i);
        return this;
    }

    public AsciiOut bytes(byte[] s) {
        room(s.length);
        System.arraycopy(s, 0, b, n, s.length);
        n += s.length;
        return this;
    }

    private static final byte[] PAIRS = new byte[200];
    private static final byte[][] OCTETS = new byte[256][];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int i = 0; i < 256; i++) OCTETS[i] = Integer.toString(i).getBytes();
    }

    /** Decimal of a long (a minus sign when negative). */
    public AsciiOut num(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) return num((int) v);
        room(21);
        if (v < 0) {
            if (v == Long.MIN_VALUE) return str("-9223372036854775808");
            b[n++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        int end = n + digits;
        for (int i = end - 1; i >= n; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        n = end;
        return this;
    }

    /** Decimal of a non-negative int. */
    public AsciiOut num(int v) {
        if (b.length - n < 11) room(11);
        if (v < 10) {
            b[n++] = (byte) ('0' + v);
            return this;
        }
        int digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
                : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
        int i = n + digits;
        n = i;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            v = q;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
        }
        if (v >= 10) {
            b[--i] = PAIRS[(v << 1) + 1];
            b[--i] = PAIRS[v << 1];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        return this;
    }

    /** Zero-padded decimal of {@code width} digits. */
    public AsciiOut padded(long v, int width) {
        room(width);
        for (int i = n + width - 1; i >= n; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        n += width;
        return this;
    }

    /** Dotted quad of an IPv4 address held in an int. */
    public AsciiOut ipv4(int a) {
        if (b.length - n < 15) room(15);
        octet(a >>> 24);
        b[n++] = '.';
        octet((a >>> 16) & 0xff);
        b[n++] = '.';
        octet((a >>> 8) & 0xff);
        b[n++] = '.';
        octet(a & 0xff);
        return this;
    }

    private void octet(int v) {
        byte[] o = OCTETS[v];
        for (byte c : o) b[n++] = c;
    }

    /**
     * An IPv6 address as bgpdump's {@code fmt_ipv6} prints it: IPv4-mapped and IPv4-compatible
     * addresses in dotted form, otherwise the first longest run of zero words (even a single
     * one) compressed to {@code ::}.
     */
    public AsciiOut ipv6(long hi, long lo) {
        room(46);
        int w32x2 = (int) (lo >>> 32);
        int w32x3 = (int) lo;
        if (hi == 0 && (w32x2 == 0xffff || (w32x2 == 0 && Integer.compareUnsigned(w32x3, 1) > 0))) {
            str(w32x2 == 0xffff ? "::ffff:" : "::");
            return ipv4(w32x3);
        }
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) w[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
        for (int i = 0; i < 4; i++) w[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        int best = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                if (i == 0) b[n++] = ':';
                b[n++] = ':';
                i += bestLen - 1;
                continue;
            }
            hex16(w[i]);
            if (i != 7) b[n++] = ':';
        }
        return this;
    }

    private void hex16(int v) {
        boolean started = false;
        for (int shift = 12; shift > 0; shift -= 4) {
            int d = (v >>> shift) & 0xf;
            if (d != 0 || started) {
                b[n++] = HEX[d];
                started = true;
            }
        }
        b[n++] = HEX[v & 0xf];
    }

    /** The bytes written so far to a scratch buffer: {@code buffer()[0 .. length())}. */
    byte[] buffer() {
        return b;
    }

    int length() {
        return n;
    }

    private void flushBuffer() {
        try {
            os.write(b, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        n = 0;
    }

    public void flush() {
        flushBuffer();
        try {
            os.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
