package org.blackout.sim;

import org.blackout.wire.net.IpAddress;

/** A collector peer of the simulation: its index in the PEER_INDEX_TABLE, AS, address and BGP ID. */
public record SimPeer(int index, int asn, IpAddress address, int bgpId) {

    /**
     * A synthetic peer address from the documentation ranges (RFC 5737), so simulated peers can
     * never be mistaken for real ones: 192.0.2.x, then 198.51.100.x, then 203.0.113.x.
     */
    public static IpAddress syntheticAddress(int n) {
        int[] bases = {0xC0000200, 0xC6336400, 0xCB007100};
        int block = n / 254;
        if (block >= bases.length) throw new IllegalArgumentException("at most 762 simulated peers, asked for peer " + n);
        return IpAddress.v4(bases[block] + 1 + n % 254);
    }
}
