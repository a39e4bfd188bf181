package org.blackout.wire.bgp;

/** ROUTE-REFRESH (RFC 2918; {@code subtype} is RFC 7313's former reserved octet). */
public record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {
    @Override
    public int type() {
        return ROUTE_REFRESH;
    }
}
