package org.blackout.wire.bgp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The BGP Shutdown Communication (RFC 8203, RFC 9003): a Cease NOTIFICATION with subcode
 * Administrative Shutdown or Administrative Reset whose data is one length octet followed by at
 * most 255 octets of UTF-8 text telling the peer's operator why.
 */
public final class ShutdownCommunication {
    public static final int CEASE = 6, ADMINISTRATIVE_SHUTDOWN = 2, ADMINISTRATIVE_RESET = 4;
    /** RFC 9003 2 (RFC 8203 allowed 128). */
    public static final int MAX_LENGTH = 255;

    private ShutdownCommunication() {}

    /**
     * A Cease NOTIFICATION carrying {@code message}, cut at a character boundary to fit 255 octets.
     *
     * @param subcode {@link #ADMINISTRATIVE_SHUTDOWN} or {@link #ADMINISTRATIVE_RESET}
     */
    public static Notification of(int subcode, String message) {
        if (subcode != ADMINISTRATIVE_SHUTDOWN && subcode != ADMINISTRATIVE_RESET) {
            throw new IllegalArgumentException("shutdown communication subcode must be 2 or 4, not " + subcode);
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, MAX_LENGTH);
        while (len > 0 && len < text.length && (text[len] & 0xc0) == 0x80) len--; // not inside a character
        byte[] data = new byte[1 + len];
        data[0] = (byte) len;
        System.arraycopy(text, 0, data, 1, len);
        return new Notification(CEASE, subcode, data);
    }

    /**
     * The communication of a Cease / Administrative Shutdown or Reset NOTIFICATION, or empty when
     * there is none or it is malformed (length beyond the data, invalid UTF-8), which RFC 9003 4
     * says not to act on.
     */
    public static Optional<String> of(Notification n) {
        if (n.code() != CEASE || (n.subcode() != ADMINISTRATIVE_SHUTDOWN && n.subcode() != ADMINISTRATIVE_RESET)) {
            return Optional.empty();
        }
        byte[] d = n.data();
        if (d.length == 0) return Optional.empty();
        int len = d[0] & 0xff;
        if (len == 0 || 1 + len > d.length) return Optional.empty();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(d, 1, 1 + len)))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
