package org.blackout.ingest.bmp;

import java.net.InetSocketAddress;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.PerPeerHeader;

/**
 * One connected BMP speaker (a monitored router).
 *
 * @param connection a number for this TCP connection, unique within the listener
 */
public record BmpRouter(InetSocketAddress address, long connection) {

    /** "bmp:ADDRESS", the router's address without the port (a router reconnecting keeps its name). */
    public String name() {
        return "bmp:" + address.getAddress().getHostAddress();
    }

    /**
     * The collector name of a peer's table: {@link #name()}, plus the table when it is not the global
     * pre-policy Adj-RIB-In, e.g. "bmp:192.0.2.1 post" or "bmp:192.0.2.1 loc-rib".
     */
    public String collector(PerPeerHeader peer) {
        String table = BmpRouteElements.table(peer);
        return table.isEmpty() ? name() : name() + " " + table;
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort() + "#" + connection;
    }
}
