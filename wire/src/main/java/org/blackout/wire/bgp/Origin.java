package org.blackout.wire.bgp;


/** ORIGIN (type 1): 0 IGP, 1 EGP, 2 INCOMPLETE. */
public record Origin(int flags, int value) implements PathAttribute {
    @Override
    public int typeCode() {
        return ORIGIN;
    }

    public static final int IGP = 0, EGP = 1, INCOMPLETE = 2;

    /** bgpdump's name: IGP, EGP, INCOMPLETE. */
    public String label() {
        return switch (value) {
            case IGP -> "IGP";
            case EGP -> "EGP";
            case INCOMPLETE -> "INCOMPLETE";
            default -> "unknown";
        };
    }
}
