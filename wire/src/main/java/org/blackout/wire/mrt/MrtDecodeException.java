package org.blackout.wire.mrt;

import org.blackout.wire.DecodeException;

/** A damaged MRT record: the source it came from, the byte offset of the record, the field and why. */
public class MrtDecodeException extends DecodeException {
    private final String source;
    private final long offset;
    private final boolean warning;

    public MrtDecodeException(String source, long offset, String field, String reason) {
        this(source, offset, field, reason, false);
    }

    /** @param warning the record was still read (repaired, or what was whole in it kept): damage, not loss */
    public MrtDecodeException(String source, long offset, String field, String reason, boolean warning) {
        super((warning ? "warning: " : "") + source + ": offset " + offset + ": " + field + ": " + reason, field,
                reason);
        this.source = source;
        this.offset = offset;
        this.warning = warning;
    }

    /** True when the record was still read (repaired or salvaged) rather than skipped. */
    public boolean warning() {
        return warning;
    }

    public String source() {
        return source;
    }

    /** Byte offset of the start of the damaged record in the (decompressed) stream. */
    public long offset() {
        return offset;
    }
}
