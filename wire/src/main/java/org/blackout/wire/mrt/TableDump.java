package org.blackout.wire.mrt;

import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** A TABLE_DUMP (type 12) RIB entry; header subtype 1 is IPv4, 2 IPv6 (RFC 6396 4.2). */
public record TableDump(MrtHeader header, int viewNumber, int sequence, Prefix prefix, int status,
        long originatedTime, IpAddress peerAddress, long peerAs, PathAttributes attributes) implements MrtRecord {
    public static final int AFI_IPV4 = 1, AFI_IPV6 = 2;
}
