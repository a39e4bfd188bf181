package org.blackout.wire.bgp;

import org.blackout.wire.net.IpAddress;

/** ORIGINATOR_ID (type 9, RFC 4456). */
public record OriginatorId(int flags, IpAddress id) implements PathAttribute {
    @Override
    public int typeCode() {
        return ORIGINATOR_ID;
    }
}
