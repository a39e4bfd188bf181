package org.blackout.wire.mrt;

/**
 * The MRT record types Blackout reads and writes (RFC 6396 section 4; type 5, the early RIPE RIS
 * "BGP" type, as bgpdump reads it). A record of another type is kept as an {@link UnknownRecord}.
 */
public enum MrtType {
    BGP(5), TABLE_DUMP(12), TABLE_DUMP_V2(13), BGP4MP(16), BGP4MP_ET(17);

    private static final MrtType[] BY_CODE = new MrtType[18];

    static {
        for (MrtType t : values()) BY_CODE[t.code] = t;
    }

    private final int code;

    MrtType(int code) {
        this.code = code;
    }

    /** The type's number in the MRT common header. */
    public int code() {
        return code;
    }

    /** The type numbered {@code code}, or null for one not listed here. */
    public static MrtType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
