package org.blackout.wire.net;

/**
 * An IPv4 or IPv6 prefix as two left-aligned 64-bit words, so both families share one bit order:
 * bit 0 of the prefix is the top bit of {@code hi}. IPv4 addresses occupy the upper 32 bits of
 * {@code hi}; {@code lo} is then 0. Host bits beyond {@code length} are always zero.
 */
public record Prefix(boolean v6, long hi, long lo, int length) implements Comparable<Prefix> {

    public Prefix {
        int max = v6 ? 128 : 32;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for IPv" + (v6 ? 6 : 4));
        }
        hi &= maskHi(length);
        lo &= maskLo(length);
    }

    /** An IPv4 prefix from the address as an int (network order, as read from the wire). */
    public static Prefix v4(int address, int length) {
        return new Prefix(false, ((long) address) << 32, 0L, length);
    }

    public static Prefix v6(long hi, long lo, int length) {
        return new Prefix(true, hi, lo, length);
    }

    /** Parses {@code a.b.c.d/len} or an IPv6 {@code addr/len}. */
    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("not a prefix (no '/'): " + text);
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in: " + text);
        }
        IpAddress a = IpAddress.parse(text.substring(0, slash));
        return new Prefix(a.v6(), a.hi(), a.lo(), len);
    }

    public boolean v4() {
        return !v6;
    }

    /** The IPv4 network address as an int; only meaningful for IPv4. */
    public int v4Address() {
        return (int) (hi >>> 32);
    }

    public IpAddress address() {
        return new IpAddress(v6, hi, lo);
    }

    /** Bit {@code i} (0 = most significant) of the address. */
    public int bit(int i) {
        return i < 64 ? (int) (hi >>> (63 - i)) & 1 : (int) (lo >>> (127 - i)) & 1;
    }

    /** True when {@code other} is this prefix or a more-specific of it (same family). */
    public boolean covers(Prefix other) {
        return other.v6 == v6 && other.length >= length
                && (other.hi & maskHi(length)) == hi && (other.lo & maskLo(length)) == lo;
    }

    /** Number of /24 equivalents (IPv4) this prefix covers; fractional below /24. */
    public double slash24s() {
        return v6 ? 0 : Math.scalb(1.0, 24 - length);
    }

    /** The upper word's mask of a prefix {@code length} bits long (its network part). */
    public static long maskHi(int length) {
        return length >= 64 ? -1L : length == 0 ? 0L : -1L << (64 - length);
    }

    /** The lower word's mask of a prefix {@code length} bits long. */
    public static long maskLo(int length) {
        return length <= 64 ? 0L : length >= 128 ? -1L : -1L << (128 - length);
    }

    @Override
    public int compareTo(Prefix o) {
        if (v6 != o.v6) return v6 ? 1 : -1;
        int c = Long.compareUnsigned(hi, o.hi);
        if (c != 0) return c;
        c = Long.compareUnsigned(lo, o.lo);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return address() + "/" + length;
    }
}
