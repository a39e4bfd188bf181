package org.blackout.ingest.bgp;

import org.blackout.wire.net.IpAddress;

/**
 * One BGP session as the feed and the MRT archive describe it (the fields of a BGP4MP record):
 * the peer's and Blackout's address and AS, whether AS numbers in its UPDATEs are 4 octets
 * (RFC 6793 negotiated), whether its NLRI carry ADD-PATH identifiers (RFC 7911 negotiated), and the
 * peer's BGP identifier (0.0.0.0 when unknown) for the RIB dumps' PEER_INDEX_TABLE.
 */
public record BgpPeer(IpAddress peerAddress, long peerAs, IpAddress localAddress, long localAs, boolean as4,
        boolean addPath, IpAddress bgpId) {}
