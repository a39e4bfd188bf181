package org.blackout.wire.bgp;

import java.util.Arrays;

/** NOTIFICATION (RFC 4271 4.5). */
public record Notification(int code, int subcode, byte[] data) implements BgpMessage {
    @Override
    public int type() {
        return NOTIFICATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[code=" + code + ", subcode=" + subcode + ", data=" + data.length + "B]";
    }
}
