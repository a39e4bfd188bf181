package org.blackout.core.engine;

import org.blackout.wire.net.IpAddress;

/**
 * Peer indexes by collector, peer address and AS, for the elements whose peer is not the previous
 * element's. Each update record decodes its own peer address object and a RIB record's entries
 * cycle through the peers: looking the peer up by the address's value (and the collector's
 * identity) spares a peer key's allocation and hashing for most of them. Direct-mapped: a colliding
 * peer replaces the slot's.
 */
final class PeerCache {
    private static final int SIZE = 256;

    private record Slot(String collector, long hi, long lo, boolean v6, long peerAs, int peer) {}

    private final Slot[] slots = new Slot[SIZE];

    /** The peer's index, or -1 when not cached. */
    int get(String collector, IpAddress address, long peerAs) {
        if (address == null) return -1;
        Slot s = slots[slot(collector, address, peerAs)];
        return s != null && s.collector == collector && s.hi == address.hi() && s.lo == address.lo()
                && s.v6 == address.v6() && s.peerAs == peerAs ? s.peer : -1;
    }

    void put(String collector, IpAddress address, long peerAs, int peer) {
        if (address == null) return;
        slots[slot(collector, address, peerAs)] = new Slot(collector, address.hi(), address.lo(), address.v6(), peerAs, peer);
    }

    private static int slot(String collector, IpAddress address, long peerAs) {
        long h = address.hi() * 0x9E3779B97F4A7C15L ^ address.lo() * 0xC2B2AE3D27D4EB4FL ^ peerAs * 0x165667B19E3779F9L
                ^ System.identityHashCode(collector);
        return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (SIZE - 1);
    }
}
