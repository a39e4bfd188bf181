package org.blackout.wire.bgp;

import java.util.Arrays;

/** EXTENDED_COMMUNITIES (type 16, RFC 4360): each value is the 8 octets as a long. */
public record ExtendedCommunities(int flags, long[] values) implements PathAttribute {
    @Override
    public int typeCode() {
        return EXTENDED_COMMUNITIES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedCommunities c && c.flags == flags && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return flags * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ExtendedCommunities" + Arrays.toString(values);
    }
}
