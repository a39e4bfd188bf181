package org.blackout.wire.bgp;

import java.util.Arrays;
import org.blackout.wire.net.IpAddress;

/**
 * MP_REACH_NLRI (type 14, RFC 4760). {@code nextHopBytes} is the next hop field exactly as read
 * (4, 16 or 32 octets for IPv4/IPv6 unicast; other lengths for VPN families), decoded into
 * {@code nextHop} and, for 32-octet IPv6 next hops, {@code linkLocalNextHop} (else null).
 * {@code nlri} holds unicast/multicast prefixes; for other SAFIs the NLRI is kept undecoded in
 * {@code unparsedNlri} (else an empty array). {@code abbreviated} marks the TABLE_DUMP_V2 form
 * (RFC 6396 section 4.3.4): only the next hop length and next hop, AFI/SAFI from the RIB entry.
 * {@code reserved} is the octet after the next hop (formerly the SNPA count).
 */
public record MpReachNlri(int flags, int afi, int safi, byte[] nextHopBytes, IpAddress nextHop,
        IpAddress linkLocalNextHop, int reserved, Nlri nlri, byte[] unparsedNlri, boolean abbreviated)
        implements PathAttribute {

    public static final int AFI_IPV4 = 1, AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1, SAFI_MULTICAST = 2;

    @Override
    public int typeCode() {
        return MP_REACH_NLRI;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpReachNlri m && m.flags == flags && m.afi == afi && m.safi == safi
                && Arrays.equals(m.nextHopBytes, nextHopBytes) && m.reserved == reserved
                && m.nlri.equals(nlri) && Arrays.equals(m.unparsedNlri, unparsedNlri) && m.abbreviated == abbreviated;
    }

    @Override
    public int hashCode() {
        return ((afi * 31 + safi) * 31 + Arrays.hashCode(nextHopBytes)) * 31 + nlri.hashCode();
    }

    @Override
    public String toString() {
        return "MpReachNlri[afi=" + afi + ", safi=" + safi + ", nextHop=" + nextHop
                + (linkLocalNextHop != null ? ", linkLocal=" + linkLocalNextHop : "") + ", nlri=" + nlri
                + (unparsedNlri.length > 0 ? ", unparsed=" + unparsedNlri.length + "B" : "")
                + (abbreviated ? ", abbreviated" : "") + "]";
    }
}
