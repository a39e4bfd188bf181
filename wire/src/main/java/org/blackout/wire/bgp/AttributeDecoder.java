package org.blackout.wire.bgp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.net.IpAddress;

/**
 * Decodes a path attribute section (RFC 4271 4.3) with RFC 7606 error handling: an attribute that
 * fails validation is kept whole as a {@link MalformedAttribute} naming the action taken; the
 * section's verdict is the harshest action of its attributes. Never throws for bad attribute
 * contents; throws {@link DecodeException} only when asked to read outside the given range.
 */
public final class AttributeDecoder {
    private AttributeDecoder() {}

    /**
     * @param asnSize  2 or 4: the octets per ASN in AS_PATH and AGGREGATOR
     * @param addPath  whether MP_(UN)REACH NLRI carry RFC 7911 path identifiers
     * @param rib      true inside TABLE_DUMP_V2 RIB entries, where MP_REACH may be abbreviated (RFC 6396 4.3.4)
     */
    public static PathAttributes decode(ByteBuf buf, int from, int to, int asnSize, boolean addPath, boolean rib) {
        if (from >= to) return PathAttributes.EMPTY;
        List<PathAttribute> list = new ArrayList<>(8);
        Rfc7606Action action = Rfc7606Action.NONE;
        String reason = null;
        long seen = 0; // type codes < 64 seen so far, for duplicate detection
        String[] nlriError = new String[1];
        int i = from;
        while (i < to) {
            if (i + 3 > to) {
                byte[] rest = bytes(buf, i, to);
                list.add(new MalformedAttribute(rest[0] & 0xff, rest.length > 1 ? rest[1] & 0xff : 0, rest,
                        Rfc7606Action.TREAT_AS_WITHDRAW, "truncated attribute header"));
                if (action.ordinal() < Rfc7606Action.TREAT_AS_WITHDRAW.ordinal()) {
                    action = Rfc7606Action.TREAT_AS_WITHDRAW;
                    reason = "truncated attribute header";
                }
                break;
            }
            int flags = buf.getUnsignedByte(i);
            int type = buf.getUnsignedByte(i + 1);
            int len;
            int hdr;
            if ((flags & PathAttribute.EXTENDED_LENGTH) != 0) {
                if (i + 4 > to) {
                    byte[] rest = bytes(buf, i + 2, to);
                    list.add(new MalformedAttribute(flags, type, rest, Rfc7606Action.TREAT_AS_WITHDRAW,
                            "truncated attribute header"));
                    if (action.ordinal() < Rfc7606Action.TREAT_AS_WITHDRAW.ordinal()) {
                        action = Rfc7606Action.TREAT_AS_WITHDRAW;
                        reason = "truncated attribute header";
                    }
                    break;
                }
                len = buf.getUnsignedShort(i + 2);
                hdr = 4;
            } else {
                len = buf.getUnsignedByte(i + 2);
                hdr = 3;
            }
            int v = i + hdr;
            if (v + len > to) {
                // RFC 7606 4: an attribute overrunning the section makes the whole UPDATE suspect
                String why = overrun(type, len, v + len - to);
                list.add(new MalformedAttribute(flags, type, bytes(buf, v, to), Rfc7606Action.TREAT_AS_WITHDRAW, why));
                if (action.ordinal() < Rfc7606Action.TREAT_AS_WITHDRAW.ordinal()) {
                    action = Rfc7606Action.TREAT_AS_WITHDRAW;
                    reason = why;
                }
                break;
            }
            PathAttribute a;
            if (type < 64 && (seen & (1L << type)) != 0 && type != PathAttribute.MP_REACH_NLRI
                    && type != PathAttribute.MP_UNREACH_NLRI) {
                // RFC 7606 3.g: keep the first, discard later duplicates
                a = new MalformedAttribute(flags, type, bytes(buf, v, v + len), Rfc7606Action.ATTRIBUTE_DISCARD,
                        "duplicate attribute type " + type);
            } else if (type < 64 && (seen & (1L << type)) != 0) {
                // RFC 7606 3.g: more than one MP_REACH / MP_UNREACH
                a = new MalformedAttribute(flags, type, bytes(buf, v, v + len), Rfc7606Action.SESSION_RESET,
                        "more than one attribute type " + type);
            } else {
                a = one(buf, flags, type, v, len, asnSize, addPath, rib, nlriError);
                if (nlriError[0] != null && action != Rfc7606Action.SESSION_RESET) {
                    // RFC 7606 5.3: MP NLRI that cannot be parsed: keep what parsed, AFI/SAFI disable
                    action = Rfc7606Action.SESSION_RESET;
                    reason = nlriError[0];
                }
            }
            if (type < 64) seen |= 1L << type;
            if (a instanceof MalformedAttribute m && m.action().ordinal() > action.ordinal()) {
                action = m.action();
                reason = m.reason();
            }
            list.add(a);
            i = v + len;
        }
        return new PathAttributes(list, action, reason);
    }

    private static PathAttribute one(ByteBuf b, int flags, int type, int v, int len, int asnSize, boolean addPath,
            boolean rib, String[] nlriError) {
        switch (type) {
            case PathAttribute.ORIGIN -> {
                if (len != 1) return tw(b, flags, type, v, len, "ORIGIN length " + len + " != 1");
                int o = b.getUnsignedByte(v);
                if (o > 2) return tw(b, flags, type, v, len, "ORIGIN value " + o + " undefined");
                return new Origin(flags, o);
            }
            case PathAttribute.AS_PATH -> {
                AsPath p = asPath(b, v, len, asnSize);
                if (p == null) return tw(b, flags, type, v, len, "malformed AS_PATH");
                return new AsPathAttr(flags, p, asnSize == 4);
            }
            case PathAttribute.NEXT_HOP -> {
                if (len != 4) return tw(b, flags, type, v, len, "NEXT_HOP length " + len + " != 4");
                return new NextHop(flags, IpAddress.v4(b.getInt(v)));
            }
            case PathAttribute.MULTI_EXIT_DISC -> {
                if (len != 4) return tw(b, flags, type, v, len, "MULTI_EXIT_DISC length " + len + " != 4");
                return new MultiExitDisc(flags, b.getUnsignedInt(v));
            }
            case PathAttribute.LOCAL_PREF -> {
                if (len != 4) return tw(b, flags, type, v, len, "LOCAL_PREF length " + len + " != 4");
                return new LocalPref(flags, b.getUnsignedInt(v));
            }
            case PathAttribute.ATOMIC_AGGREGATE -> {
                if (len != 0) return discard(b, flags, type, v, len, "ATOMIC_AGGREGATE length " + len + " != 0");
                return new AtomicAggregate(flags);
            }
            case PathAttribute.AGGREGATOR -> {
                if (len != asnSize + 4) {
                    return discard(b, flags, type, v, len, "AGGREGATOR length " + len + " != " + (asnSize + 4));
                }
                long as = asnSize == 4 ? b.getUnsignedInt(v) : b.getUnsignedShort(v);
                return new Aggregator(flags, as, IpAddress.v4(b.getInt(v + asnSize)), asnSize == 4);
            }
            case PathAttribute.COMMUNITIES -> {
                if (len == 0 || len % 4 != 0) {
                    return tw(b, flags, type, v, len, "COMMUNITIES length " + len + " not a positive multiple of 4");
                }
                int[] c = new int[len / 4];
                for (int k = 0; k < c.length; k++) c[k] = b.getInt(v + 4 * k);
                return new Communities(flags, c);
            }
            case PathAttribute.ORIGINATOR_ID -> {
                if (len != 4) return tw(b, flags, type, v, len, "ORIGINATOR_ID length " + len + " != 4");
                return new OriginatorId(flags, IpAddress.v4(b.getInt(v)));
            }
            case PathAttribute.CLUSTER_LIST -> {
                if (len == 0 || len % 4 != 0) {
                    return tw(b, flags, type, v, len, "CLUSTER_LIST length " + len + " not a positive multiple of 4");
                }
                IpAddress[] ids = new IpAddress[len / 4];
                for (int k = 0; k < ids.length; k++) ids[k] = IpAddress.v4(b.getInt(v + 4 * k));
                return new ClusterList(flags, List.of(ids));
            }
            case PathAttribute.MP_REACH_NLRI -> {
                return mpReach(b, flags, v, len, addPath, rib, nlriError);
            }
            case PathAttribute.MP_UNREACH_NLRI -> {
                return mpUnreach(b, flags, v, len, addPath, nlriError);
            }
            case PathAttribute.EXTENDED_COMMUNITIES -> {
                if (len == 0 || len % 8 != 0) {
                    return tw(b, flags, type, v, len, "EXTENDED_COMMUNITIES length " + len
                            + " not a positive multiple of 8");
                }
                long[] c = new long[len / 8];
                for (int k = 0; k < c.length; k++) c[k] = b.getLong(v + 8 * k);
                return new ExtendedCommunities(flags, c);
            }
            case PathAttribute.AS4_PATH -> {
                AsPath p = asPath(b, v, len, 4);
                // RFC 6793 6 / RFC 7606 7.7: a malformed AS4_PATH is discarded, not the route
                if (p == null) return discard(b, flags, type, v, len, "malformed AS4_PATH");
                for (AsPath.Segment s : p.segments()) {
                    if (s.type() == AsPath.SegmentType.AS_CONFED_SEQUENCE || s.type() == AsPath.SegmentType.AS_CONFED_SET) {
                        return discard(b, flags, type, v, len, "confederation segment in AS4_PATH");
                    }
                }
                return new As4PathAttr(flags, p);
            }
            case PathAttribute.AS4_AGGREGATOR -> {
                if (len != 8) return discard(b, flags, type, v, len, "AS4_AGGREGATOR length " + len + " != 8");
                return new As4Aggregator(flags, b.getUnsignedInt(v), IpAddress.v4(b.getInt(v + 4)));
            }
            case PathAttribute.LARGE_COMMUNITIES -> {
                if (len == 0 || len % 12 != 0) {
                    return tw(b, flags, type, v, len, "LARGE_COMMUNITIES length " + len
                            + " not a positive multiple of 12");
                }
                int[] c = new int[len / 4];
                for (int k = 0; k < c.length; k++) c[k] = b.getInt(v + 4 * k);
                return new LargeCommunities(flags, c);
            }
            default -> {
                return new UnknownAttribute(flags, type, bytes(b, v, v + len));
            }
        }
    }

    /** Decodes an AS path, or returns null when it is malformed (RFC 7606 7.2). */
    static AsPath asPath(ByteBuf b, int v, int len, int asnSize) {
        if (len == 0) return AsPath.EMPTY;
        int end = v + len;
        int i = v;
        int nseg = 0;
        // first pass: validate and count segments, so the common one-segment path allocates once
        while (i < end) {
            if (i + 2 > end) return null;
            int t = b.getUnsignedByte(i);
            int n = b.getUnsignedByte(i + 1);
            if (t < 1 || t > 4 || n == 0) return null;
            i += 2 + n * asnSize;
            if (i > end) return null;
            nseg++;
        }
        AsPath.Segment[] segs = new AsPath.Segment[nseg];
        i = v;
        for (int s = 0; s < nseg; s++) {
            AsPath.SegmentType t = AsPath.SegmentType.of(b.getUnsignedByte(i));
            int n = b.getUnsignedByte(i + 1);
            i += 2;
            long[] asns = new long[n];
            if (asnSize == 4) {
                for (int k = 0; k < n; k++, i += 4) asns[k] = b.getUnsignedInt(i);
            } else {
                for (int k = 0; k < n; k++, i += 2) asns[k] = b.getUnsignedShort(i);
            }
            segs[s] = new AsPath.Segment(t, asns);
        }
        return new AsPath(List.of(segs));
    }

    private static final String OVERRUN = " overruns the attribute section by ";

    /** The reason given to an attribute whose declared length runs past the attribute section. */
    static String overrun(int type, int len, int by) {
        return "attribute type " + type + " length " + len + OVERRUN + by + " bytes";
    }

    /**
     * The declared length of an attribute that overran its section (its value then holds only the
     * bytes that were there), so the encoder can write it back as it was; -1 for other attributes.
     */
    static int overrunLength(MalformedAttribute m) {
        String r = m.reason(), head = "attribute type " + m.typeCode() + " length ";
        int at = r.indexOf(OVERRUN);
        if (!r.startsWith(head) || at < 0) return -1;
        try {
            return Integer.parseInt(r, head.length(), at, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PathAttribute mpReach(ByteBuf b, int flags, int v, int len, boolean addPath, boolean rib,
            String[] nlriError) {
        int end = v + len;
        if (rib && len > 0 && b.getUnsignedByte(v) != 0) {
            // RFC 6396 4.3.4 abbreviated form: next hop length and next hop only
            int nhLen = b.getUnsignedByte(v);
            if (v + 1 + nhLen != end) {
                // anything after the next hop would be lost: keep the attribute whole instead
                return reset(b, flags, v, len, "abbreviated MP_REACH_NLRI next hop length " + nhLen
                        + " does not fill the attribute's " + len + " bytes");
            }
            byte[] nh = bytes(b, v + 1, v + 1 + nhLen);
            int afi = nhLen == 4 ? MpReachNlri.AFI_IPV4 : MpReachNlri.AFI_IPV6;
            return new MpReachNlri(flags, afi, MpReachNlri.SAFI_UNICAST, nh, nextHop(nh, 0), nextHop(nh, 1), 0,
                    Nlri.EMPTY, EMPTY, true);
        }
        if (len < 5) return reset(b, flags, v, len, "MP_REACH_NLRI length " + len + " < 5");
        int afi = b.getUnsignedShort(v);
        int safi = b.getUnsignedByte(v + 2);
        int nhLen = b.getUnsignedByte(v + 3);
        int p = v + 4 + nhLen;
        if (p + 1 > end) return reset(b, flags, v, len, "MP_REACH_NLRI next hop overruns the attribute");
        byte[] nh = bytes(b, v + 4, p);
        int reserved = b.getUnsignedByte(p);
        p++;
        if (isIp(afi, safi)) {
            Nlri n = NlriDecoder.decode(b, p, end, afi == MpReachNlri.AFI_IPV6, addPath, "MP_REACH_NLRI", nlriError);
            return new MpReachNlri(flags, afi, safi, nh, nextHop(nh, 0), nextHop(nh, 1), reserved, n, EMPTY, false);
        }
        return new MpReachNlri(flags, afi, safi, nh, nextHop(nh, 0), nextHop(nh, 1), reserved, Nlri.EMPTY,
                bytes(b, p, end), false);
    }

    private static PathAttribute mpUnreach(ByteBuf b, int flags, int v, int len, boolean addPath,
            String[] nlriError) {
        int end = v + len;
        if (len < 3) {
            return new MalformedAttribute(flags, PathAttribute.MP_UNREACH_NLRI, bytes(b, v, end),
                    Rfc7606Action.SESSION_RESET, "MP_UNREACH_NLRI length " + len + " < 3");
        }
        int afi = b.getUnsignedShort(v);
        int safi = b.getUnsignedByte(v + 2);
        if (isIp(afi, safi)) {
            Nlri n = NlriDecoder.decode(b, v + 3, end, afi == MpReachNlri.AFI_IPV6, addPath, "MP_UNREACH_NLRI",
                    nlriError);
            return new MpUnreachNlri(flags, afi, safi, n, EMPTY);
        }
        return new MpUnreachNlri(flags, afi, safi, Nlri.EMPTY, bytes(b, v + 3, end));
    }

    private static boolean isIp(int afi, int safi) {
        return (afi == MpReachNlri.AFI_IPV4 || afi == MpReachNlri.AFI_IPV6)
                && (safi == MpReachNlri.SAFI_UNICAST || safi == MpReachNlri.SAFI_MULTICAST || safi == 3);
    }

    /** Next hop {@code which} (0 global, 1 link-local) from a next hop field, or null when absent. */
    private static IpAddress nextHop(byte[] nh, int which) {
        if (which == 0) {
            if (nh.length == 4) return IpAddress.v4(word(nh, 0));
            if (nh.length == 16 || nh.length == 32) return IpAddress.v6(dword(nh, 0), dword(nh, 8));
            return null;
        }
        return nh.length == 32 ? IpAddress.v6(dword(nh, 16), dword(nh, 24)) : null;
    }

    private static int word(byte[] a, int o) {
        return (a[o] & 0xff) << 24 | (a[o + 1] & 0xff) << 16 | (a[o + 2] & 0xff) << 8 | (a[o + 3] & 0xff);
    }

    private static long dword(byte[] a, int o) {
        return ((long) word(a, o) << 32) | (word(a, o + 4) & 0xffffffffL);
    }

    private static final byte[] EMPTY = new byte[0];

    static byte[] bytes(ByteBuf b, int from, int to) {
        if (to <= from) return EMPTY;
        byte[] out = new byte[to - from];
        b.getBytes(from, out);
        return out;
    }

    private static MalformedAttribute tw(ByteBuf b, int flags, int type, int v, int len, String why) {
        return new MalformedAttribute(flags, type, bytes(b, v, v + len), Rfc7606Action.TREAT_AS_WITHDRAW, why);
    }

    private static MalformedAttribute discard(ByteBuf b, int flags, int type, int v, int len, String why) {
        return new MalformedAttribute(flags, type, bytes(b, v, v + len), Rfc7606Action.ATTRIBUTE_DISCARD, why);
    }

    private static MalformedAttribute reset(ByteBuf b, int flags, int v, int len, String why) {
        return new MalformedAttribute(flags, PathAttribute.MP_REACH_NLRI, bytes(b, v, v + len),
                Rfc7606Action.SESSION_RESET, why);
    }
}
