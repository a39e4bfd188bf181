package org.blackout.wire.bgp;

import java.util.Arrays;

/** MP_UNREACH_NLRI (type 15, RFC 4760); non-unicast/multicast NLRI kept in {@code unparsedNlri}. */
public record MpUnreachNlri(int flags, int afi, int safi, Nlri withdrawn, byte[] unparsedNlri)
        implements PathAttribute {
    @Override
    public int typeCode() {
        return MP_UNREACH_NLRI;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpUnreachNlri m && m.flags == flags && m.afi == afi && m.safi == safi
                && m.withdrawn.equals(withdrawn) && Arrays.equals(m.unparsedNlri, unparsedNlri);
    }

    @Override
    public int hashCode() {
        return (afi * 31 + safi) * 31 + withdrawn.hashCode();
    }

    @Override
    public String toString() {
        return "MpUnreachNlri[afi=" + afi + ", safi=" + safi + ", withdrawn=" + withdrawn + "]";
    }
}
