package org.blackout.ingest.bgp;

import org.blackout.wire.net.IpAddress;

/**
 * One BGP session as the feed and the MRT archive describe it (the fields of a BGP4MP record):
 * the peer's and Blackout's address and AS, whether AS numbers in its UPDATEs are 4 octets
 * (RFC 6793 negotiated), whether its NLRI carry ADD-PATH identifiers (RFC 7911 negotiated), and the
 * peer's BGP identifier (null when unknown) for the RIB dumps' PEER_INDEX_TABLE. {@code collector} names
 * the source for the engine, as a replayed file's collector does ("blackout", or a RIS host like "rrc00").
 */
public record BgpPeer(String collector, IpAddress peerAddress, long peerAs, IpAddress localAddress, long localAs, boolean as4,
        boolean addPath, IpAddress bgpId) {}
