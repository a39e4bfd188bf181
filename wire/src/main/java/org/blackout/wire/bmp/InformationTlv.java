package org.blackout.wire.bmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** An Information TLV (RFC 7854 4.4): type and value as read. */
public record InformationTlv(int type, byte[] value) {
    public static final int STRING = 0, SYS_DESCR = 1, SYS_NAME = 2;

    /** The value as UTF-8 text (strings in these TLVs are not NUL-terminated, but some routers pad). */
    public String text() {
        int n = value.length;
        while (n > 0 && value[n - 1] == 0) n--;
        return new String(value, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InformationTlv t && t.type == type && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "InformationTlv[" + type + ", " + value.length + "B]";
    }
}
