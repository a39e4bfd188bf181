package org.blackout.wire.bmp;

import java.util.List;

/** Initiation (RFC 7854 4.3): the router describing itself. */
public record Initiation(List<InformationTlv> tlvs) implements BmpMessage {
    @Override
    public int type() {
        return INITIATION;
    }

    /** The sysName TLV's text, or null. */
    public String sysName() {
        return Tlvs.text(tlvs, InformationTlv.SYS_NAME);
    }

    /** The sysDescr TLV's text, or null. */
    public String sysDescr() {
        return Tlvs.text(tlvs, InformationTlv.SYS_DESCR);
    }
}
