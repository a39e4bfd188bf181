package org.blackout.wire.bgp;

import java.util.Arrays;

/**
 * LARGE_COMMUNITIES (type 32, RFC 8092): {@code values} holds triples (global administrator,
 * local data 1, local data 2) as unsigned 32-bit ints, so its length is a multiple of 3.
 */
public record LargeCommunities(int flags, int[] values) implements PathAttribute {
    @Override
    public int typeCode() {
        return LARGE_COMMUNITIES;
    }

    public int count() {
        return values.length / 3;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LargeCommunities c && c.flags == flags && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return flags * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LargeCommunities" + Arrays.toString(values);
    }
}
