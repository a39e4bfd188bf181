package org.blackout.wire.mrt;

import org.blackout.wire.DecodeException;

/** A damaged MRT record: the source it came from, the byte offset of the record, the field and why. */
public class MrtDecodeException extends DecodeException {
    private final String source;
    private final long offset;

    public MrtDecodeException(String source, long offset, String field, String reason) {
        super(source + ": offset " + offset + ": " + field + ": " + reason, field, reason);
        this.source = source;
        this.offset = offset;
    }

    public String source() {
        return source;
    }

    /** Byte offset of the start of the damaged record in the (decompressed) stream. */
    public long offset() {
        return offset;
    }
}
