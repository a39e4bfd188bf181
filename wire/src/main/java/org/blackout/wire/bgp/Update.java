package org.blackout.wire.bgp;

/**
 * UPDATE (RFC 4271 4.3): withdrawn routes, path attributes (possibly {@link PathAttributes#EMPTY})
 * and announced IPv4 NLRI. MP_REACH/MP_UNREACH prefixes live in the attributes.
 */
public record Update(Nlri withdrawn, PathAttributes attributes, Nlri nlri) implements BgpMessage {
    @Override
    public int type() {
        return UPDATE;
    }
}
