package org.blackout.wire.bmp;

/**
 * A BMP message (RFC 7854 section 4, with RFC 8671 Adj-RIB-Out and RFC 9069 Loc-RIB peers).
 * {@link #type()} is the common header's message type.
 */
public sealed interface BmpMessage
        permits RouteMonitoring, StatisticsReport, PeerDown, PeerUp, Initiation, Termination, RouteMirroring,
        UnknownBmpMessage {
    int ROUTE_MONITORING = 0, STATISTICS_REPORT = 1, PEER_DOWN = 2, PEER_UP = 3, INITIATION = 4, TERMINATION = 5,
            ROUTE_MIRRORING = 6;

    int type();

    /** The per-peer header, or null for Initiation, Termination and unknown types. */
    default PerPeerHeader peer() {
        return null;
    }
}
