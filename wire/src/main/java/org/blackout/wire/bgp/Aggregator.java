package org.blackout.wire.bgp;

import org.blackout.wire.net.IpAddress;

/** AGGREGATOR (type 7); {@code fourOctet} says whether the AS was 4 octets on the wire. */
public record Aggregator(int flags, long as, IpAddress address, boolean fourOctet) implements PathAttribute {
    @Override
    public int typeCode() {
        return AGGREGATOR;
    }
}
