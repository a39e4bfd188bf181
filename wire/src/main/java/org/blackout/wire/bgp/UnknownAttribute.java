package org.blackout.wire.bgp;


/** An attribute Blackout does not model, kept as its value bytes so it re-encodes unchanged. */
public record UnknownAttribute(int flags, int typeCode, byte[] value) implements PathAttribute {

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownAttribute u && u.flags == flags && u.typeCode == typeCode
                && java.util.Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode() {
        return (flags * 31 + typeCode) * 31 + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnknownAttribute[flags=" + flags + ", typeCode=" + typeCode + ", length=" + value.length + "]";
    }
}
