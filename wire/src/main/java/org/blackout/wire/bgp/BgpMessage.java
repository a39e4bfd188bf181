package org.blackout.wire.bgp;

/** A BGP-4 message (RFC 4271 section 4). {@link #type()} is the header's type code. */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh, UnknownMessage {
    int OPEN = 1, UPDATE = 2, NOTIFICATION = 3, KEEPALIVE = 4, ROUTE_REFRESH = 5;

    int type();
}
