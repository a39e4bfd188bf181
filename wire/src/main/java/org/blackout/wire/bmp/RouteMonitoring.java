package org.blackout.wire.bmp;

import org.blackout.wire.bgp.Update;

/**
 * Route Monitoring (RFC 7854 4.6): one UPDATE from the table the per-peer header names.
 * {@code addPath} says whether its NLRI were read with RFC 7911 path identifiers.
 */
public record RouteMonitoring(PerPeerHeader peer, Update update, boolean addPath) implements BmpMessage {
    @Override
    public int type() {
        return ROUTE_MONITORING;
    }
}
