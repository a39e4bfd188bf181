package org.blackout.wire.mrt;

import java.util.List;
import org.blackout.wire.net.IpAddress;

/** TABLE_DUMP_V2 PEER_INDEX_TABLE (RFC 6396 4.3.1): the peers that the RIB entries of a file refer to. */
public record PeerIndexTable(MrtHeader header, IpAddress collectorBgpId, String viewName, List<Peer> peers)
        implements MrtRecord {

    /** One peer; {@code peerType} bit 0 = IPv6 address, bit 1 = 4-octet AS. */
    public record Peer(int peerType, IpAddress bgpId, IpAddress address, long as) {
        public boolean as4() {
            return (peerType & 2) != 0;
        }
    }
}
