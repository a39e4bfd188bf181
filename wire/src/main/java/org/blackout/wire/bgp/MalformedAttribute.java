package org.blackout.wire.bgp;

import java.util.Arrays;

/**
 * An attribute that failed validation, kept as read (flags, type code, value bytes) with the reason
 * and the RFC 7606 action the decoder took, so nothing is lost and it re-encodes unchanged.
 */
public record MalformedAttribute(int flags, int typeCode, byte[] value, Rfc7606Action action, String reason)
        implements PathAttribute {

    @Override
    public boolean equals(Object o) {
        return o instanceof MalformedAttribute m && m.flags == flags && m.typeCode == typeCode
                && Arrays.equals(m.value, value) && m.action == action && m.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return (flags * 31 + typeCode) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "MalformedAttribute[type=" + typeCode + ", " + action + ": " + reason + "]";
    }
}
