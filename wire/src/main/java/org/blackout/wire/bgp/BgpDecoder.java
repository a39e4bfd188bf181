package org.blackout.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.net.IpAddress;

/**
 * Decodes BGP-4 messages (RFC 4271) from a buffer. Session parameters that the bytes do not carry
 * (4-octet ASNs, ADD-PATH) are passed in. Malformed path attributes are handled per RFC 7606 by
 * {@link AttributeDecoder}; anything that makes the message unparsable throws {@link DecodeException}.
 */
public final class BgpDecoder {
    public static final int HEADER = 19;

    private BgpDecoder() {}

    /** Decodes one message with its 19-octet header from {@code buf[from, to)}. */
    public static BgpMessage decodeMessage(ByteBuf buf, int from, int to, boolean as4, boolean addPath) {
        return decodeMessage(buf, from, to, as4, addPath, null);
    }

    /** Like {@link #decodeMessage(ByteBuf, int, int, boolean, boolean)}, sharing repeated attribute sets via {@code cache}. */
    public static BgpMessage decodeMessage(ByteBuf buf, int from, int to, boolean as4, boolean addPath,
            AttributeCache cache) {
        if (to - from < HEADER) throw new DecodeException("bgp header", "message shorter than 19 bytes: " + (to - from));
        if (buf.getLong(from) != -1L || buf.getLong(from + 8) != -1L) {
            throw new DecodeException("bgp marker", "marker is not all ones");
        }
        int len = buf.getUnsignedShort(from + 16);
        int type = buf.getUnsignedByte(from + 18);
        if (len < HEADER) throw new DecodeException("bgp length", "length field " + len + " < 19");
        if (from + len > to) {
            throw new DecodeException("bgp length", "length field " + len + " exceeds the " + (to - from)
                    + " bytes available");
        }
        return decodeBody(buf, type, from + HEADER, from + len, as4, addPath, cache);
    }

    /**
     * Whether {@code buf[from, to)} starts with a whole header of an UPDATE whose length field claims
     * more bytes than are there: a message cut short by whoever recorded it (route-views2 cut messages
     * near 4,096 bytes in 2008). {@link #decodeCutUpdate} salvages such messages.
     */
    public static boolean isCutUpdate(ByteBuf buf, int from, int to) {
        return to - from >= HEADER && buf.getLong(from) == -1L && buf.getLong(from + 8) == -1L
                && buf.getUnsignedByte(from + 18) == BgpMessage.UPDATE && buf.getUnsignedShort(from + 16) > to - from;
    }

    /**
     * Decodes what is complete of an UPDATE cut short (see {@link #isCutUpdate}), as bgpdump does:
     * each field whose length overruns the bytes present is read up to where the bytes end; the
     * prefixes and attributes that fit whole are kept, a prefix or attribute cut in two is dropped,
     * and the fields after the cut are empty. Nothing is flagged (RFC 7606 does not apply: the bytes
     * present are not malformed, the rest is missing), so the kept routes count as ordinary ones; the
     * caller reports the cut.
     */
    public static Update decodeCutUpdate(ByteBuf buf, int from, int to, boolean as4, boolean addPath) {
        int p = from + HEADER;
        if (p + 2 > to) return new Update(Nlri.EMPTY, PathAttributes.EMPTY, Nlri.EMPTY);
        int wlen = buf.getUnsignedShort(p);
        p += 2;
        String[] error = new String[1];
        if (p + wlen > to) { // cut within the withdrawn routes: nothing after them survives
            Nlri withdrawn = NlriDecoder.decode(buf, p, to, false, addPath, "withdrawn routes", error);
            return new Update(withdrawn.withoutUnparsed(), PathAttributes.EMPTY, Nlri.EMPTY);
        }
        Nlri withdrawn = NlriDecoder.decode(buf, p, p + wlen, false, addPath, "withdrawn routes", error);
        String why = error[0];
        p += wlen;
        if (p + 2 > to) return new Update(withdrawn, PathAttributes.EMPTY, Nlri.EMPTY);
        int alen = buf.getUnsignedShort(p);
        p += 2;
        if (p + alen > to) { // cut within the path attributes: keep the whole ones, no NLRI survives
            int end = p;
            while (end + 3 <= to) {
                int flags = buf.getUnsignedByte(end);
                boolean ext = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
                if (ext && end + 4 > to) break;
                int next = end + (ext ? 4 + buf.getUnsignedShort(end + 2) : 3 + buf.getUnsignedByte(end + 2));
                if (next > to) break;
                end = next;
            }
            PathAttributes attrs = AttributeDecoder.decode(buf, p, end, as4 ? 4 : 2, addPath, false);
            return flagged(withdrawn, attrs, Nlri.EMPTY, why);
        }
        PathAttributes attrs = AttributeDecoder.decode(buf, p, p + alen, as4 ? 4 : 2, addPath, false);
        p += alen;
        error[0] = null;
        Nlri nlri = NlriDecoder.decode(buf, p, to, false, addPath, "nlri", error);
        if (error[0] != null && !error[0].contains("overruns the field") && !error[0].contains("truncated path identifier")
                && !error[0].contains("path identifier without prefix")) {
            why = why != null ? why : error[0]; // damage before the cut: flagged as in a whole message
        } else {
            nlri = nlri.withoutUnparsed();
        }
        if (why == null) {
            if (!nlri.isEmpty()) attrs = checkMandatory(attrs, true);
            else if (attrs.mpReach() != null && !attrs.mpReach().nlri().isEmpty()) attrs = checkMandatory(attrs, false);
        }
        return flagged(withdrawn, attrs, nlri, why);
    }

    private static Update flagged(Nlri withdrawn, PathAttributes attrs, Nlri nlri, String why) {
        if (why != null && attrs.action() != Rfc7606Action.SESSION_RESET) {
            return new Update(withdrawn, new PathAttributes(attrs.list(), Rfc7606Action.SESSION_RESET, why), nlri);
        }
        return new Update(withdrawn, attrs, nlri);
    }

    /** Decodes a message body (after the header) of the given type. */
    public static BgpMessage decodeBody(ByteBuf buf, int type, int from, int to, boolean as4, boolean addPath) {
        return decodeBody(buf, type, from, to, as4, addPath, null);
    }

    static BgpMessage decodeBody(ByteBuf buf, int type, int from, int to, boolean as4, boolean addPath,
            AttributeCache cache) {
        return switch (type) {
            case BgpMessage.OPEN -> decodeOpen(buf, from, to);
            case BgpMessage.UPDATE -> decodeUpdate(buf, from, to, as4, addPath, cache);
            case BgpMessage.NOTIFICATION -> {
                if (to - from < 2) throw new DecodeException("notification", "body shorter than 2 bytes");
                yield new Notification(buf.getUnsignedByte(from), buf.getUnsignedByte(from + 1),
                        AttributeDecoder.bytes(buf, from + 2, to));
            }
            case BgpMessage.KEEPALIVE -> Keepalive.INSTANCE;
            case BgpMessage.ROUTE_REFRESH -> {
                if (to - from < 4) throw new DecodeException("route-refresh", "body shorter than 4 bytes");
                yield new RouteRefresh(buf.getUnsignedShort(from), buf.getUnsignedByte(from + 2),
                        buf.getUnsignedByte(from + 3));
            }
            default -> new UnknownMessage(type, AttributeDecoder.bytes(buf, from, to));
        };
    }

    /** OPEN body (RFC 4271 4.2, RFC 5492 capabilities). */
    public static Open decodeOpen(ByteBuf buf, int from, int to) {
        if (to - from < 10) throw new DecodeException("open", "body shorter than 10 bytes: " + (to - from));
        int version = buf.getUnsignedByte(from);
        int myAs = buf.getUnsignedShort(from + 1);
        int hold = buf.getUnsignedShort(from + 3);
        IpAddress id = IpAddress.v4(buf.getInt(from + 5));
        int optLen = buf.getUnsignedByte(from + 9);
        int p = from + 10;
        if (p + optLen > to) throw new DecodeException("open optional parameters", "length " + optLen + " overruns");
        byte[] opt = AttributeDecoder.bytes(buf, p, p + optLen);
        List<Open.Capability> caps = new ArrayList<>();
        int end = p + optLen;
        while (p + 2 <= end) {
            int ptype = buf.getUnsignedByte(p);
            int plen = buf.getUnsignedByte(p + 1);
            int v = p + 2;
            if (v + plen > end) break; // kept raw in optionalParameters
            if (ptype == 2) {
                int c = v;
                while (c + 2 <= v + plen) {
                    int code = buf.getUnsignedByte(c);
                    int clen = buf.getUnsignedByte(c + 1);
                    if (c + 2 + clen > v + plen) break;
                    caps.add(new Open.Capability(code, AttributeDecoder.bytes(buf, c + 2, c + 2 + clen)));
                    c += 2 + clen;
                }
            }
            p = v + plen;
        }
        return new Open(version, myAs, hold, id, opt, List.copyOf(caps));
    }

    /** UPDATE body (RFC 4271 4.3). */
    public static Update decodeUpdate(ByteBuf buf, int from, int to, boolean as4, boolean addPath) {
        return decodeUpdate(buf, from, to, as4, addPath, null);
    }

    /** Like {@link #decodeUpdate(ByteBuf, int, int, boolean, boolean)}, sharing repeated attribute sets via {@code cache}. */
    public static Update decodeUpdate(ByteBuf buf, int from, int to, boolean as4, boolean addPath,
            AttributeCache cache) {
        if (to - from < 4) throw new DecodeException("update", "body shorter than 4 bytes: " + (to - from));
        int wlen = buf.getUnsignedShort(from);
        int w = from + 2;
        if (w + wlen + 2 > to) throw new DecodeException("update withdrawn routes", "length " + wlen + " overruns");
        String[] error = new String[1];
        Nlri withdrawn = NlriDecoder.decode(buf, w, w + wlen, false, addPath, "withdrawn routes", error);
        int a = w + wlen;
        int alen = buf.getUnsignedShort(a);
        a += 2;
        if (a + alen > to) throw new DecodeException("update path attributes", "length " + alen + " overruns");
        PathAttributes attrs = cache != null ? cache.decode(buf, a, a + alen, as4 ? 4 : 2, addPath, false)
                : AttributeDecoder.decode(buf, a, a + alen, as4 ? 4 : 2, addPath, false);
        String withdrawnError = error[0];
        error[0] = null;
        Nlri nlri = NlriDecoder.decode(buf, a + alen, to, false, addPath, "nlri", error);
        String why = withdrawnError != null ? withdrawnError : error[0];
        if (why != null && attrs.action() != Rfc7606Action.SESSION_RESET) {
            // RFC 7606 3.j: unparsable NLRI leave only session reset; keep what parsed, flag the rest
            return new Update(withdrawn, new PathAttributes(attrs.list(), Rfc7606Action.SESSION_RESET, why), nlri);
        }
        if (!nlri.isEmpty()) attrs = checkMandatory(attrs, true);
        else if (attrs.mpReach() != null && !attrs.mpReach().nlri().isEmpty()) attrs = checkMandatory(attrs, false);
        return new Update(withdrawn, attrs, nlri);
    }

    /** RFC 7606 3.d: a missing well-known mandatory attribute means treat-as-withdraw. */
    private static PathAttributes checkMandatory(PathAttributes a, boolean ipv4Nlri) {
        if (a.action().ordinal() >= Rfc7606Action.TREAT_AS_WITHDRAW.ordinal()) return a;
        String missing = null;
        if (a.origin() == null && !hasMalformed(a, PathAttribute.ORIGIN)) missing = "ORIGIN";
        else if (a.asPathAttribute() == null && !hasMalformed(a, PathAttribute.AS_PATH)) missing = "AS_PATH";
        else if (ipv4Nlri && a.nextHopAttribute() == null && !hasMalformed(a, PathAttribute.NEXT_HOP)) missing = "NEXT_HOP";
        if (missing == null) return a;
        return new PathAttributes(a.list(), Rfc7606Action.TREAT_AS_WITHDRAW, "missing well-known attribute " + missing);
    }

    private static boolean hasMalformed(PathAttributes a, int type) {
        for (PathAttribute p : a.list()) if (p instanceof MalformedAttribute m && m.typeCode() == type) return true;
        return false;
    }
}
