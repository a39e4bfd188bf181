package org.blackout.wire.bmp;

import java.util.Arrays;

/** A message type this decoder does not know, kept as the body after the common header. */
public record UnknownBmpMessage(int type, byte[] body) implements BmpMessage {
    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownBmpMessage u && u.type == type && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownBmpMessage[type=" + type + ", " + body.length + "B]";
    }
}
