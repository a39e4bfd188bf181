package org.blackout.wire.bgp;


/** MULTI_EXIT_DISC (type 4), unsigned 32-bit. */
public record MultiExitDisc(int flags, long value) implements PathAttribute {
    @Override
    public int typeCode() {
        return MULTI_EXIT_DISC;
    }
}
