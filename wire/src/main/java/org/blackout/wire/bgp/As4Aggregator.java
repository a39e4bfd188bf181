package org.blackout.wire.bgp;

import org.blackout.wire.net.IpAddress;

/** AS4_AGGREGATOR (type 18, RFC 6793). */
public record As4Aggregator(int flags, long as, IpAddress address) implements PathAttribute {
    @Override
    public int typeCode() {
        return AS4_AGGREGATOR;
    }
}
