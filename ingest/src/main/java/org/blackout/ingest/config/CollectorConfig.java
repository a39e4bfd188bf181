package org.blackout.ingest.config;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The passive BGP collector: where it listens, its own AS and BGP identifier, the hold time it
 * proposes (RFC 4271: 0 or at least 3 seconds), and the neighbours it accepts.
 */
public record CollectorConfig(InetSocketAddress listen, long localAs, int routerId, int holdTime,
        List<NeighbourConfig> neighbours) {
    public static final int DEFAULT_PORT = 179, DEFAULT_HOLD_TIME = 90;
}
