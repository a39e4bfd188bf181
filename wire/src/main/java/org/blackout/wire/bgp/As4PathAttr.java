package org.blackout.wire.bgp;


/** AS4_PATH (type 17, RFC 6793), always 4-octet ASNs. */
public record As4PathAttr(int flags, AsPath path) implements PathAttribute {
    @Override
    public int typeCode() {
        return AS4_PATH;
    }
}
