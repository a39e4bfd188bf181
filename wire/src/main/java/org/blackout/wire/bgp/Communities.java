package org.blackout.wire.bgp;

import java.util.Arrays;

/** COMMUNITIES (type 8, RFC 1997): each value is {@code asn << 16 | local} as an unsigned 32-bit int. */
public record Communities(int flags, int[] values) implements PathAttribute {
    public static final int NO_EXPORT = 0xFFFFFF01, NO_ADVERTISE = 0xFFFFFF02, NO_EXPORT_SUBCONFED = 0xFFFFFF03;

    @Override
    public int typeCode() {
        return COMMUNITIES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Communities c && c.flags == flags && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return flags * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Communities" + Arrays.toString(values);
    }
}
