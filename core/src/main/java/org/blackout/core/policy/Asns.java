package org.blackout.core.policy;

/**
 * AS numbers as policy files write them. ASNs are unsigned 32-bit values held in longs, as
 * everywhere in Blackout.
 */
public final class Asns {
    /** The largest 4-octet AS number (RFC 6793). */
    public static final long MAX = 0xFFFF_FFFFL;

    private Asns() {}

    /**
     * Parses {@code 13335}, {@code AS13335} (any case) or the asdot form {@code 1.10} (RFC 5396).
     *
     * @throws IllegalArgumentException with the offending text
     */
    public static long parse(String text) {
        String s = text.strip();
        if (s.regionMatches(true, 0, "AS", 0, 2)) s = s.substring(2);
        int dot = s.indexOf('.');
        try {
            if (dot >= 0) {
                long high = digits(s.substring(0, dot)), low = digits(s.substring(dot + 1));
                if (high > 0xFFFF || low > 0xFFFF) throw new IllegalArgumentException("asdot part above 65535: " + text);
                return high << 16 | low;
            }
            return check(digits(s), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an AS number: '" + text + "'");
        }
    }

    /** Checks a number read as such (JSON, YAML) is a valid ASN. */
    public static long check(long asn, Object text) {
        if (asn < 0 || asn > MAX) throw new IllegalArgumentException("AS number out of range 0.." + MAX + ": " + text);
        return asn;
    }

    // Long.parseLong accepts a sign, which no ASN carries
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 10) throw new NumberFormatException(s);
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') throw new NumberFormatException(s);
        return Long.parseLong(s);
    }
}
