package org.blackout.ingest.bgp;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.MalformedAttribute;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;

/**
 * The few BGP-4 messages a passive collector sends (OPEN, KEEPALIVE, NOTIFICATION) and the session
 * side of decoding what it receives: header checks (RFC 4271 6.1), OPEN checks (6.2) and UPDATE
 * checks with RFC 7606 revised error handling. Attribute and NLRI parsing is the wire decoders'.
 */
final class SessionCodec {
    static final int HEADER = 19, MAX_MESSAGE = 4096;
    static final byte[] KEEPALIVE = message(4, new byte[0]);

    private SessionCodec() {}

    static byte[] message(int type, byte[] body) {
        byte[] m = new byte[HEADER + body.length];
        for (int i = 0; i < 16; i++) m[i] = (byte) 0xff;
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, HEADER, body.length);
        return m;
    }

    static byte[] open(long localAs, int holdTime, int routerId, byte[] optionalParameters) {
        byte[] b = new byte[10 + optionalParameters.length];
        int myAs = localAs > 0xffff ? 23456 : (int) localAs; // AS_TRANS (RFC 6793)
        b[0] = 4;
        b[1] = (byte) (myAs >>> 8);
        b[2] = (byte) myAs;
        b[3] = (byte) (holdTime >>> 8);
        b[4] = (byte) holdTime;
        b[5] = (byte) (routerId >>> 24);
        b[6] = (byte) (routerId >>> 16);
        b[7] = (byte) (routerId >>> 8);
        b[8] = (byte) routerId;
        b[9] = (byte) optionalParameters.length;
        System.arraycopy(optionalParameters, 0, b, 10, optionalParameters.length);
        return message(1, b);
    }

    static byte[] notification(int code, int subcode, byte[] data) {
        byte[] b = new byte[2 + data.length];
        b[0] = (byte) code;
        b[1] = (byte) subcode;
        System.arraycopy(data, 0, b, 2, data.length);
        return message(3, b);
    }

    /** RFC 9003 shutdown communication: a length octet then at most 255 octets of UTF-8. */
    static byte[] shutdownCommunication(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(255, t.length);
        while (n > 0 && n < t.length && (t[n] & 0xc0) == 0x80) n--; // do not cut a UTF-8 sequence
        byte[] d = new byte[1 + n];
        d[0] = (byte) n;
        System.arraycopy(t, 0, d, 1, n);
        return d;
    }

    /** The RFC 9003 communication in a Cease/Shutdown or Reset NOTIFICATION's data, or null. */
    static String shutdownCommunication(int code, int subcode, byte[] data) {
        if (code != BgpError.CEASE || (subcode != BgpError.ADMINISTRATIVE_SHUTDOWN
                && subcode != BgpError.ADMINISTRATIVE_RESET) || data.length < 1) return null;
        int n = data[0] & 0xff;
        if (n == 0 || 1 + n > data.length) return null;
        return new String(data, 1, n, StandardCharsets.UTF_8);
    }

    /** Checks a message header (RFC 4271 6.1); returns the total length. */
    static int checkHeader(byte[] h) throws BgpError {
        for (int i = 0; i < 16; i++) {
            if (h[i] != (byte) 0xff) {
                throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.CONNECTION_NOT_SYNCHRONIZED, "bad marker");
            }
        }
        int len = ((h[16] & 0xff) << 8) | (h[17] & 0xff);
        int type = h[18] & 0xff;
        int min = switch (type) {
            case 1 -> 29;
            case 2 -> 23;
            case 3 -> 21;
            case 4, 5 -> 19;
            default -> throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.BAD_MESSAGE_TYPE, new byte[] {(byte) type},
                    "bad message type " + type);
        };
        if (len < min || len > MAX_MESSAGE || (type == 4 && len != 19) || (type == 5 && len != 23)) {
            throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.BAD_MESSAGE_LENGTH, new byte[] {h[16], h[17]},
                    "bad length " + len + " for message type " + type);
        }
        return len;
    }

    /** Parses an OPEN (whole message) and checks the fields RFC 4271 6.2 names; AS and identifier checks are the session's. */
    static Open parseOpen(byte[] m) throws BgpError {
        int version = m[19] & 0xff;
        if (version != 4) {
            throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.UNSUPPORTED_VERSION, new byte[] {0, 4},
                    "unsupported version " + version);
        }
        int hold = ((m[22] & 0xff) << 8) | (m[23] & 0xff);
        if (hold == 1 || hold == 2) {
            throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.UNACCEPTABLE_HOLD_TIME, "hold time " + hold);
        }
        int plen = m[28] & 0xff;
        if (29 + plen != m.length) {
            throw new BgpError(BgpError.MESSAGE_HEADER, BgpError.BAD_MESSAGE_LENGTH,
                    new byte[] {m[16], m[17]}, "OPEN optional parameters length " + plen + " disagrees with message length");
        }
        try {
            return BgpDecoder.decodeOpen(Unpooled.wrappedBuffer(m), HEADER, m.length);
        } catch (DecodeException e) {
            throw new BgpError(BgpError.OPEN_MESSAGE, 0, e.getMessage());
        }
    }

    /**
     * Decodes an UPDATE (whole message) for a session with the given capabilities. Attribute errors
     * come back in {@link PathAttributes#action()} (treat-as-withdraw, attribute discard); errors
     * that leave the NLRI unknowable throw (RFC 7606 section 5: session reset) with the subcode
     * RFC 4271 6.3 names: Malformed Attribute List for broken lengths, Optional Attribute Error for a
     * broken MP_(UN)REACH_NLRI, Invalid Network Field for unparsable NLRI.
     */
    static Update parseUpdate(byte[] m, Capabilities caps) throws BgpError {
        // MP_(UN)REACH carry IPv6 in practice; a session that negotiated ADD-PATH for one family only is rare
        boolean addPath = caps.addPathV4() || caps.addPathV6();
        Update u;
        try {
            u = BgpDecoder.decodeUpdate(Unpooled.wrappedBuffer(m), HEADER, m.length, caps.as4(), addPath);
        } catch (DecodeException e) {
            throw new BgpError(BgpError.UPDATE_MESSAGE, BgpError.MALFORMED_ATTRIBUTE_LIST, e.getMessage());
        }
        PathAttributes attrs = u.attributes();
        if (attrs.action() == Rfc7606Action.SESSION_RESET) {
            int sub = BgpError.INVALID_NETWORK_FIELD;
            for (PathAttribute p : attrs.list()) {
                if (p instanceof MalformedAttribute ma && ma.action() == Rfc7606Action.SESSION_RESET) {
                    sub = ma.typeCode() == PathAttribute.MP_REACH_NLRI || ma.typeCode() == PathAttribute.MP_UNREACH_NLRI
                            ? BgpError.OPTIONAL_ATTRIBUTE_ERROR : BgpError.MALFORMED_ATTRIBUTE_LIST;
                }
            }
            throw new BgpError(BgpError.UPDATE_MESSAGE, sub, attrs.reason());
        }
        return u;
    }

    /** True for an End-of-RIB marker (RFC 4724 2): an empty UPDATE, or one holding only an empty MP_UNREACH. */
    static boolean endOfRib(Update u) {
        if (!u.withdrawn().isEmpty() || !u.nlri().isEmpty()) return false;
        List<PathAttribute> l = u.attributes().list();
        return l.isEmpty() || (l.size() == 1 && u.attributes().mpUnreach() != null
                && u.attributes().mpUnreach().withdrawn().isEmpty());
    }
}
