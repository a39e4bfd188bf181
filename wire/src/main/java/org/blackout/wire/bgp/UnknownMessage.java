package org.blackout.wire.bgp;

import java.util.Arrays;

/** A message of a type Blackout does not model, kept as its body bytes (after the 19-octet header). */
public record UnknownMessage(int type, byte[] body) implements BgpMessage {
    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMessage u && u.type == type && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownMessage[type=" + type + ", " + body.length + "B]";
    }
}
