package org.blackout.wire.mrt;

/**
 * The MRT common header (RFC 6396 2): seconds, type, subtype, length of the body as declared, and
 * for the _ET types (RFC 6396 3) the microseconds field ({@code length} then includes its 4 octets).
 */
public record MrtHeader(long timestamp, int type, int subtype, long length, int microseconds) {

    public MrtHeader(long timestamp, MrtType type, int subtype, long length, int microseconds) {
        this(timestamp, type.code(), subtype, length, microseconds);
    }

    /** The type, or null for one {@link MrtType} does not list. */
    public MrtType kind() {
        return MrtType.of(type);
    }

    public boolean extendedTime() {
        return type == MrtType.BGP4MP_ET.code() || type == 33 || type == 49; // BGP4MP_ET, ISIS_ET, OSPFv3_ET
    }

    /** Record time in microseconds since the epoch. */
    public long timeMicros() {
        return timestamp * 1_000_000L + microseconds;
    }
}
