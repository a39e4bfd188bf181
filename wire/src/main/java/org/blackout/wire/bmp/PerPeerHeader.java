package org.blackout.wire.bmp;

import org.blackout.wire.net.IpAddress;

/**
 * The 42-octet per-peer header (RFC 7854 4.2). {@code flags} is kept as read; its bits mean
 * different things for Loc-RIB peers (RFC 9069 4.2: only F, "filtered") than for the others
 * (V, L, A and RFC 8671's O).
 *
 * @param distinguisher the peer distinguisher (a route distinguisher for RD instance peers), raw 64 bits
 * @param timeMicros    the header's timestamp, microseconds since the epoch; 0 when the router sent none
 */
public record PerPeerHeader(int peerType, int flags, long distinguisher, IpAddress address, long as,
        IpAddress bgpId, long timeMicros) {

    public static final int SIZE = 42;
    public static final int GLOBAL_INSTANCE = 0, RD_INSTANCE = 1, LOCAL_INSTANCE = 2, LOC_RIB_INSTANCE = 3;
    public static final int FLAG_V = 0x80, FLAG_L = 0x40, FLAG_A = 0x20, FLAG_O = 0x10, FLAG_F = 0x80;

    public boolean locRib() {
        return peerType == LOC_RIB_INSTANCE;
    }

    /** V: the peer address is IPv6 (not defined for Loc-RIB peers). */
    public boolean ipv6() {
        return !locRib() && (flags & FLAG_V) != 0;
    }

    /** L: post-policy Adj-RIB (not defined for Loc-RIB peers). */
    public boolean postPolicy() {
        return !locRib() && (flags & FLAG_L) != 0;
    }

    /** A: the carried BGP PDUs use the legacy 2-octet AS_PATH encoding. */
    public boolean twoByteAs() {
        return !locRib() && (flags & FLAG_A) != 0;
    }

    /** O (RFC 8671): Adj-RIB-Out rather than Adj-RIB-In. */
    public boolean adjRibOut() {
        return !locRib() && (flags & FLAG_O) != 0;
    }

    /** F (RFC 9069 4.2): the Loc-RIB is filtered. */
    public boolean filtered() {
        return locRib() && (flags & FLAG_F) != 0;
    }

    /** Which table this peer's routes come from. */
    public RibView view() {
        if (locRib()) return RibView.LOC_RIB;
        if (adjRibOut()) return postPolicy() ? RibView.ADJ_RIB_OUT_POST : RibView.ADJ_RIB_OUT_PRE;
        return postPolicy() ? RibView.ADJ_RIB_IN_POST : RibView.ADJ_RIB_IN_PRE;
    }

    /** The distinguisher as "admin:assigned" (RFC 4364 route distinguisher types 0, 1 and 2). */
    public String distinguisherText() {
        int type = (int) (distinguisher >>> 48);
        return switch (type) {
            case 0 -> "0:" + ((distinguisher >>> 32) & 0xffff) + ":" + (distinguisher & 0xffffffffL);
            case 1 -> "1:" + IpAddress.v4((int) (distinguisher >>> 16)) + ":" + (distinguisher & 0xffff);
            case 2 -> "2:" + ((distinguisher >>> 16) & 0xffffffffL) + ":" + (distinguisher & 0xffff);
            default -> Long.toHexString(distinguisher);
        };
    }

    /** The table a per-peer header points at. */
    public enum RibView { ADJ_RIB_IN_PRE, ADJ_RIB_IN_POST, ADJ_RIB_OUT_PRE, ADJ_RIB_OUT_POST, LOC_RIB }
}
