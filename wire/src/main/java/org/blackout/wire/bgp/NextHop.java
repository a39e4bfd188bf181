package org.blackout.wire.bgp;

import org.blackout.wire.net.IpAddress;

/** NEXT_HOP (type 3), IPv4. */
public record NextHop(int flags, IpAddress address) implements PathAttribute {
    @Override
    public int typeCode() {
        return NEXT_HOP;
    }
}
