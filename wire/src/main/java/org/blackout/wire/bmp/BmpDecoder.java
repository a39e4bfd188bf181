package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.AttributeDecoder;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.Notification;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.net.IpAddress;

/**
 * Decodes one BMP message (RFC 7854 section 4) from a buffer. Stateless: whether a peer's UPDATEs
 * carry ADD-PATH identifiers comes from the caller (see {@link BmpSession}, which remembers Peer Ups).
 * Throws {@link DecodeException} naming the field when the message cannot be read.
 */
public final class BmpDecoder {
    private BmpDecoder() {}

    /** What the caller knows of a peer's ADD-PATH use; null when it has seen no Peer Up for it. */
    @FunctionalInterface
    public interface AddPathLookup {
        AddPath addPath(PerPeerHeader peer);
    }

    /** Decodes the message (common header included) in {@code buf[from, to)}. */
    public static BmpMessage decode(ByteBuf buf, int from, int to, AddPathLookup addPaths) {
        int length = BmpFraming.frameLength(buf, from, to - from);
        if (length < 0) throw new DecodeException("bmp header", "fewer than 6 bytes: " + (to - from));
        if (length != to - from) {
            throw new DecodeException("bmp length", "length field " + length + " but " + (to - from) + " bytes given");
        }
        int type = buf.getUnsignedByte(from + 5);
        int p = from + BmpFraming.HEADER;
        return switch (type) {
            case BmpMessage.ROUTE_MONITORING -> {
                PerPeerHeader h = perPeer(buf, p, to);
                int q = p + PerPeerHeader.SIZE;
                if (buf.getUnsignedByte(from) == BmpFraming.VERSION_4) {
                    V4Pdu pdu = v4BgpPdu(buf, h, q, to);
                    if (pdu.addPath() != null) {
                        // the message says itself (stateless parsing): trust it over the Peer Up
                        yield routeMonitoring(buf, h, pdu.from(), pdu.to(), pdu.addPath() ? AddPath.ALWAYS : AddPath.NONE);
                    }
                    yield routeMonitoring(buf, h, pdu.from(), pdu.to(), addPaths.addPath(h));
                }
                yield routeMonitoring(buf, h, q, to, addPaths.addPath(h));
            }
            case BmpMessage.STATISTICS_REPORT -> stats(buf, perPeer(buf, p, to), p + PerPeerHeader.SIZE, to);
            case BmpMessage.PEER_DOWN -> peerDown(buf, perPeer(buf, p, to), p + PerPeerHeader.SIZE, to);
            case BmpMessage.PEER_UP -> peerUp(buf, perPeer(buf, p, to), p + PerPeerHeader.SIZE, to);
            case BmpMessage.INITIATION -> new Initiation(Tlvs.read(buf, p, to, "initiation"));
            case BmpMessage.TERMINATION -> new Termination(Tlvs.read(buf, p, to, "termination"));
            case BmpMessage.ROUTE_MIRRORING -> mirroring(buf, perPeer(buf, p, to), p + PerPeerHeader.SIZE, to);
            default -> {
                byte[] body = new byte[to - p];
                buf.getBytes(p, body);
                yield new UnknownBmpMessage(type, body);
            }
        };
    }

    static PerPeerHeader perPeer(ByteBuf b, int p, int to) {
        if (p + PerPeerHeader.SIZE > to) {
            throw new DecodeException("per-peer header", "needs 42 bytes, message has " + (to - p));
        }
        int type = b.getUnsignedByte(p);
        int flags = b.getUnsignedByte(p + 1);
        long rd = b.getLong(p + 2);
        boolean v6 = type != PerPeerHeader.LOC_RIB_INSTANCE ? (flags & PerPeerHeader.FLAG_V) != 0
                : b.getLong(p + 10) != 0 || b.getInt(p + 18) != 0;
        IpAddress addr = address(b, p + 10, v6);
        long as = b.getUnsignedInt(p + 26);
        IpAddress id = IpAddress.v4(b.getInt(p + 30));
        long sec = b.getUnsignedInt(p + 34);
        long usec = b.getUnsignedInt(p + 38);
        return new PerPeerHeader(type, flags, rd, addr, as, id, sec * 1_000_000L + usec);
    }

    /** A 16-octet address field: IPv6, or IPv4 in the last 4 octets. */
    private static IpAddress address(ByteBuf b, int p, boolean v6) {
        return v6 ? IpAddress.v6(b.getLong(p), b.getLong(p + 8)) : IpAddress.v4(b.getInt(p + 12));
    }

    /**
     * Reads the UPDATE of a Route Monitoring message. ADD-PATH applies per family (RFC 7911): the
     * IPv4 withdrawn-routes and NLRI fields follow IPv4 unicast, MP_(UN)REACH_NLRI their own
     * AFI/SAFI. Without a Peer Up for the peer ({@code known} null) the first reading is without
     * path identifiers; a reading whose NLRI do not parse is retried the other way.
     */
    private static RouteMonitoring routeMonitoring(ByteBuf b, PerPeerHeader h, int p, int to, AddPath known) {
        boolean as4 = !h.twoByteAs();
        int family = mpFamily(b, p, to);
        boolean fields = known != null && known.has(h, 1, 1);
        boolean mp = known != null && (family >= 0 ? known.has(h, family >>> 8, family & 0xff) : fields);
        DecodeException error;
        try {
            RouteMonitoring r = read(b, h, p, to, as4, fields, mp);
            if (r.update().attributes().action() != Rfc7606Action.SESSION_RESET) return r;
            try {
                RouteMonitoring other = read(b, h, p, to, as4, !fields, !mp);
                if (other.update().attributes().action() != Rfc7606Action.SESSION_RESET) return other;
            } catch (DecodeException ignored) {
                // the first reading stands
            }
            return r;
        } catch (DecodeException e) {
            error = e;
        }
        try {
            return read(b, h, p, to, as4, !fields, !mp);
        } catch (DecodeException e) {
            throw error;
        }
    }

    private static RouteMonitoring read(ByteBuf b, PerPeerHeader h, int p, int to, boolean as4, boolean fields,
            boolean mp) {
        Update u = update(b, p, to, as4, fields);
        if (mp != fields) {
            // BgpDecoder takes one ADD-PATH flag: read the attributes again for the MP family's
            int w = p + BgpDecoder.HEADER;
            int a = w + 2 + b.getUnsignedShort(w);
            int alen = b.getUnsignedShort(a);
            u = new Update(u.withdrawn(), AttributeDecoder.decode(b, a + 2, a + 2 + alen, as4 ? 4 : 2, mp, false),
                    u.nlri());
        }
        return new RouteMonitoring(h, u, mp);
    }

    /** AFI << 8 | SAFI of the UPDATE's MP_REACH_NLRI (else MP_UNREACH_NLRI) at {@code p}, or -1. */
    static int mpFamily(ByteBuf b, int p, int to) {
        int w = p + BgpDecoder.HEADER;
        if (w + 2 > to) return -1;
        int a = w + 2 + b.getUnsignedShort(w);
        if (a + 2 > to) return -1;
        int end = Math.min(to, a + 2 + b.getUnsignedShort(a));
        int unreach = -1;
        for (int i = a + 2; i + 3 <= end; ) {
            int flags = b.getUnsignedByte(i), type = b.getUnsignedByte(i + 1);
            int hdr = (flags & 0x10) != 0 ? 4 : 3;
            if (i + hdr > end) break;
            int len = hdr == 4 ? b.getUnsignedShort(i + 2) : b.getUnsignedByte(i + 2);
            int v = i + hdr;
            if ((type == 14 || type == 15) && len >= 3 && v + 3 <= end) {
                int f = b.getUnsignedShort(v) << 8 | b.getUnsignedByte(v + 2);
                if (type == 14) return f;
                unreach = f;
            }
            i = v + len;
        }
        return unreach;
    }

    /** Where a version 4 Route Monitoring message's UPDATE is, and whether it said it uses ADD-PATH (null: silent). */
    private record V4Pdu(int from, int to, Boolean addPath) {}

    /**
     * Reads a version 4 Route Monitoring body (draft-ietf-grow-bmp-tlv): TLVs of type (2), length
     * (2), index (2) and value. Type 4 holds the UPDATE; type 1 holds BGP capabilities that apply to
     * it, so that it can be parsed without the Peer Up: ADD-PATH's direction bits are the router's,
     * receive (1) for what it received (Adj-RIB-In), send (2) for what it sends (Adj-RIB-Out).
     */
    private static V4Pdu v4BgpPdu(ByteBuf b, PerPeerHeader h, int p, int to) {
        int pduFrom = -1, pduTo = -1;
        Boolean addPath = null;
        while (p < to) {
            if (p + 6 > to) throw new DecodeException("route monitoring v4 TLV", "truncated TLV header at byte " + p);
            int type = b.getUnsignedShort(p);
            int len = b.getUnsignedShort(p + 2);
            int v = p + 6;
            if (v + len > to) throw new DecodeException("route monitoring v4 TLV", "type " + type + " overruns");
            if (type == 4 && pduFrom < 0) {
                pduFrom = v;
                pduTo = v + len;
            } else if (type == 1) {
                int c = v;
                while (c + 2 <= v + len) {
                    int code = b.getUnsignedByte(c), clen = b.getUnsignedByte(c + 1);
                    if (c + 2 + clen > v + len) break;
                    if (code == org.blackout.wire.bgp.Open.CAP_ADD_PATH) {
                        int want = h.adjRibOut() ? AddPath.SEND : AddPath.RECEIVE;
                        boolean any = addPath != null && addPath;
                        for (int t = c + 2; t + 4 <= c + 2 + clen; t += 4) any |= (b.getUnsignedByte(t + 3) & want) != 0;
                        addPath = any;
                    }
                    c += 2 + clen;
                }
            }
            p = v + len;
        }
        if (pduFrom < 0) throw new DecodeException("route monitoring v4", "no BGP PDU TLV");
        return new V4Pdu(pduFrom, pduTo, addPath);
    }

    private static Update update(ByteBuf b, int p, int to, boolean as4, boolean addPath) {
        BgpMessage m = BgpDecoder.decodeMessage(b, p, to, as4, addPath);
        if (!(m instanceof Update u)) {
            throw new DecodeException("route monitoring", "carries BGP message type " + m.type() + ", not UPDATE");
        }
        return u;
    }

    private static StatisticsReport stats(ByteBuf b, PerPeerHeader h, int p, int to) {
        if (p + 4 > to) throw new DecodeException("stats count", "missing");
        long count = b.getUnsignedInt(p);
        p += 4;
        List<StatisticsReport.Stat> stats = new ArrayList<>((int) Math.min(count, 32));
        for (long i = 0; i < count; i++) {
            if (p + 4 > to) throw new DecodeException("stat", "stat " + i + " of " + count + " missing");
            int type = b.getUnsignedShort(p);
            int len = b.getUnsignedShort(p + 2);
            if (p + 4 + len > to) throw new DecodeException("stat", "stat type " + type + " length " + len + " overruns");
            byte[] v = new byte[len];
            b.getBytes(p + 4, v);
            stats.add(new StatisticsReport.Stat(type, v));
            p += 4 + len;
        }
        return new StatisticsReport(h, List.copyOf(stats));
    }

    private static PeerDown peerDown(ByteBuf b, PerPeerHeader h, int p, int to) {
        if (p + 1 > to) throw new DecodeException("peer down reason", "missing");
        int reason = b.getUnsignedByte(p++);
        Notification n = null;
        int fsm = -1;
        if (reason == PeerDown.LOCAL_NOTIFICATION || reason == PeerDown.REMOTE_NOTIFICATION) {
            BgpMessage m = BgpDecoder.decodeMessage(b, p, to, !h.twoByteAs(), false);
            if (m instanceof Notification x) n = x;
            else throw new DecodeException("peer down notification", "BGP message type " + m.type());
        } else if (reason == PeerDown.LOCAL_NO_NOTIFICATION && p + 2 <= to) {
            fsm = b.getUnsignedShort(p);
        }
        byte[] data = new byte[to - p];
        b.getBytes(p, data);
        return new PeerDown(h, reason, n, fsm, data);
    }

    private static PeerUp peerUp(ByteBuf b, PerPeerHeader h, int p, int to) {
        if (p + 20 > to) throw new DecodeException("peer up", "shorter than local address and ports");
        boolean v6 = h.locRib() ? b.getLong(p) != 0 || b.getInt(p + 8) != 0 : h.ipv6();
        IpAddress local = address(b, p, v6);
        int localPort = b.getUnsignedShort(p + 16);
        int remotePort = b.getUnsignedShort(p + 18);
        p += 20;
        int sentEnd = openEnd(b, p, to, "peer up sent OPEN");
        Open sent = open(b, p, sentEnd, "peer up sent OPEN");
        p = sentEnd;
        int receivedEnd = openEnd(b, p, to, "peer up received OPEN");
        Open received = open(b, p, receivedEnd, "peer up received OPEN");
        return new PeerUp(h, local, localPort, remotePort, sent, received,
                Tlvs.read(b, receivedEnd, to, "peer up information"));
    }

    private static int openEnd(ByteBuf b, int p, int to, String field) {
        if (p + BgpDecoder.HEADER > to) throw new DecodeException(field, "missing");
        int len = b.getUnsignedShort(p + 16);
        if (len < BgpDecoder.HEADER || p + len > to) throw new DecodeException(field, "length " + len + " overruns");
        return p + len;
    }

    private static Open open(ByteBuf b, int p, int end, String field) {
        BgpMessage m = BgpDecoder.decodeMessage(b, p, end, true, false);
        if (m instanceof Open o) return o;
        throw new DecodeException(field, "BGP message type " + m.type() + ", not OPEN");
    }

    private static RouteMirroring mirroring(ByteBuf b, PerPeerHeader h, int p, int to) {
        List<InformationTlv> tlvs = Tlvs.read(b, p, to, "route mirroring");
        List<BgpMessage> messages = new ArrayList<>();
        int i = p;
        for (InformationTlv t : tlvs) {
            if (t.type() == RouteMirroring.TLV_BGP_MESSAGE) {
                try {
                    messages.add(BgpDecoder.decodeMessage(b, i + 4, i + 4 + t.value().length, !h.twoByteAs(), false));
                } catch (DecodeException e) {
                    // a mirrored message may be the malformed one being reported: keep it raw in tlvs
                }
            }
            i += 4 + t.value().length;
        }
        return new RouteMirroring(h, tlvs, List.copyOf(messages));
    }
}
