package org.blackout.wire.bgp;


/** AS_PATH (type 2) as sent; {@code fourOctet} says whether ASNs were 4 octets on the wire (RFC 6793). */
public record AsPathAttr(int flags, AsPath path, boolean fourOctet) implements PathAttribute {
    @Override
    public int typeCode() {
        return AS_PATH;
    }
}
