package org.blackout.wire.mrt;

/**
 * The MRT common header (RFC 6396 2): seconds, type, subtype, length of the body as declared, and
 * for the _ET types (RFC 6396 3) the microseconds field ({@code length} then includes its 4 octets).
 */
public record MrtHeader(long timestamp, int type, int subtype, long length, int microseconds) {

    // MRT types (IANA "MRT Types")
    public static final int BGP = 5, TABLE_DUMP = 12, TABLE_DUMP_V2 = 13, BGP4MP = 16, BGP4MP_ET = 17;

    public boolean extendedTime() {
        return type == BGP4MP_ET || type == 33 || type == 49; // BGP4MP_ET, ISIS_ET, OSPFv3_ET
    }

    /** Record time in microseconds since the epoch. */
    public long timeMicros() {
        return timestamp * 1_000_000L + microseconds;
    }
}
