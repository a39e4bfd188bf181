package org.blackout.wire;

/**
 * The one error the decoders throw for malformed input: names the field that could not be read
 * and why. Offsets are relative to the buffer the decoder was given; {@code MrtDecodeException}
 * adds the source name and absolute byte offset.
 */
public class DecodeException extends RuntimeException {
    private final String field;
    private final String reason;

    public DecodeException(String field, String reason) {
        super(field + ": " + reason, null, false, false); // no stack trace: damaged data is routine
        this.field = field;
        this.reason = reason;
    }

    protected DecodeException(String message, String field, String reason) {
        super(message, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
