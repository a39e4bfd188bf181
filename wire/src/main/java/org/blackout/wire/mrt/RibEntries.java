package org.blackout.wire.mrt;

import java.util.Arrays;
import java.util.List;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.net.Prefix;

/**
 * A TABLE_DUMP_V2 RIB record (RIB_IPV4/IPV6_UNICAST/MULTICAST, RIB_GENERIC and their RFC 8050
 * ADD-PATH subtypes): one prefix and its entries, one per peer (and path id). For RIB_GENERIC
 * with an AFI/SAFI other than IPv4/IPv6 unicast/multicast, {@code prefix} is null and the NLRI
 * is kept in {@code unparsedNlri} (else an empty array).
 */
public record RibEntries(MrtHeader header, long sequence, int afi, int safi, Prefix prefix, byte[] unparsedNlri,
        List<RibEntry> entries) implements MrtRecord {

    public static final int PEER_INDEX_TABLE = 1, RIB_IPV4_UNICAST = 2, RIB_IPV4_MULTICAST = 3,
            RIB_IPV6_UNICAST = 4, RIB_IPV6_MULTICAST = 5, RIB_GENERIC = 6, RIB_IPV4_UNICAST_ADDPATH = 8,
            RIB_IPV4_MULTICAST_ADDPATH = 9, RIB_IPV6_UNICAST_ADDPATH = 10, RIB_IPV6_MULTICAST_ADDPATH = 11,
            RIB_GENERIC_ADDPATH = 12;

    /** One RIB entry (RFC 6396 4.3.4, RFC 8050 path identifier when {@link #addPath()}). */
    public record RibEntry(int peerIndex, long originatedTime, long pathId, PathAttributes attributes) {}

    public boolean addPath() {
        return header.subtype() >= RIB_IPV4_UNICAST_ADDPATH && header.subtype() <= RIB_GENERIC_ADDPATH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RibEntries r && r.header.equals(header) && r.sequence == sequence && r.afi == afi
                && r.safi == safi && java.util.Objects.equals(r.prefix, prefix)
                && Arrays.equals(r.unparsedNlri, unparsedNlri) && r.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + entries.hashCode();
    }

    @Override
    public String toString() {
        return "RibEntries[" + header + ", seq=" + sequence + ", afi=" + afi + ", safi=" + safi + ", prefix=" + prefix
                + ", entries=" + entries + "]";
    }
}
