package org.blackout.wire.mrt;

import java.util.Arrays;

/** A record of a type/subtype Blackout does not decode, kept as its body bytes. */
public record UnknownRecord(MrtHeader header, byte[] body) implements MrtRecord {
    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRecord u && u.header.equals(header) && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownRecord[" + header + ", " + body.length + "B]";
    }
}
