package org.blackout.wire.bgp;

/** KEEPALIVE (RFC 4271 4.4): header only. */
public record Keepalive() implements BgpMessage {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public int type() {
        return KEEPALIVE;
    }
}
