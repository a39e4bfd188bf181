package org.blackout.wire.bgp;

/**
 * The BGP finite state machine's states (RFC 4271 section 8.2.2), numbered as MRT STATE_CHANGE
 * records (RFC 6396 section 4.4.1) and BMP peer events carry them.
 */
public enum FsmState {
    IDLE(1), CONNECT(2), ACTIVE(3), OPEN_SENT(4), OPEN_CONFIRM(5), ESTABLISHED(6);

    private static final FsmState[] BY_CODE = {null, IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED};

    private final int code;

    FsmState(int code) {
        this.code = code;
    }

    /** The state's number on the wire. */
    public int code() {
        return code;
    }

    /** The state numbered {@code code}, or null for a number RFC 4271 does not define. */
    public static FsmState of(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The name bgpdump and RFC 4271 use: {@code OpenConfirm}. */
    public String label() {
        return switch (this) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
        };
    }
}
