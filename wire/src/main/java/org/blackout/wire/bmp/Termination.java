package org.blackout.wire.bmp;

import java.util.List;

/** Termination (RFC 7854 4.5): the router closing the BMP session, usually with a reason TLV. */
public record Termination(List<InformationTlv> tlvs) implements BmpMessage {
    public static final int TLV_REASON = 1;
    public static final int ADMIN_CLOSE = 0, UNSPECIFIED = 1, OUT_OF_RESOURCES = 2, REDUNDANT_CONNECTION = 3,
            PERMANENT_CLOSE = 4;

    @Override
    public int type() {
        return TERMINATION;
    }

    /** The reason code, or -1 when the message carries none. */
    public int reason() {
        for (InformationTlv t : tlvs) {
            if (t.type() == TLV_REASON && t.value().length == 2) {
                return ((t.value()[0] & 0xff) << 8) | (t.value()[1] & 0xff);
            }
        }
        return -1;
    }
}
