package org.blackout.ingest.bgp;

/**
 * An error that ends the session with a NOTIFICATION (RFC 4271 6, RFC 7606): the code, subcode and
 * data to send, and a reason for the log.
 */
final class BgpError extends Exception {
    // NOTIFICATION error codes (RFC 4271 4.5) and the subcodes Blackout sends
    static final int MESSAGE_HEADER = 1, OPEN_MESSAGE = 2, UPDATE_MESSAGE = 3, HOLD_TIMER_EXPIRED = 4,
            FSM = 5, CEASE = 6;
    static final int CONNECTION_NOT_SYNCHRONIZED = 1, BAD_MESSAGE_LENGTH = 2, BAD_MESSAGE_TYPE = 3;
    static final int UNSUPPORTED_VERSION = 1, BAD_PEER_AS = 2, BAD_BGP_IDENTIFIER = 3, UNACCEPTABLE_HOLD_TIME = 6;
    static final int MALFORMED_ATTRIBUTE_LIST = 1, OPTIONAL_ATTRIBUTE_ERROR = 9, INVALID_NETWORK_FIELD = 10;
    // RFC 6608 FSM error subcodes
    static final int UNEXPECTED_IN_OPEN_SENT = 1, UNEXPECTED_IN_OPEN_CONFIRM = 2, UNEXPECTED_IN_ESTABLISHED = 3;
    // RFC 4486 Cease subcodes
    static final int ADMINISTRATIVE_SHUTDOWN = 2, ADMINISTRATIVE_RESET = 4, CONNECTION_REJECTED = 5;

    final int code, subcode;
    final byte[] data;

    BgpError(int code, int subcode, byte[] data, String reason) {
        super(reason, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.data = data;
    }

    BgpError(int code, int subcode, String reason) {
        this(code, subcode, new byte[0], reason);
    }
}
