package org.blackout.core.rib;

import org.blackout.wire.net.IpAddress;

/** A collector peer: the BGP session between a collector and one router. */
public record PeerKey(String collector, IpAddress address, long asn) {
    @Override
    public String toString() {
        return collector + "|" + address + "|AS" + asn;
    }
}
