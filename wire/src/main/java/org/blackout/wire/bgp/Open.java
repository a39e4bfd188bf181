package org.blackout.wire.bgp;

import java.util.Arrays;
import java.util.List;
import org.blackout.wire.net.IpAddress;

/**
 * OPEN (RFC 4271 4.2). {@code optionalParameters} is the optional-parameters field exactly as read
 * (so it re-encodes unchanged); {@code capabilities} are the RFC 5492 capabilities found in it.
 */
public record Open(int version, int myAs, int holdTime, IpAddress bgpId, byte[] optionalParameters,
        List<Capability> capabilities) implements BgpMessage {

    public static final int CAP_MULTIPROTOCOL = 1, CAP_ROUTE_REFRESH = 2, CAP_FOUR_OCTET_AS = 65, CAP_ADD_PATH = 69;

    /** One capability: code and value bytes. */
    public record Capability(int code, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Capability c && c.code == code && Arrays.equals(c.value, value);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Capability[" + code + ", " + value.length + "B]";
        }
    }

    @Override
    public int type() {
        return OPEN;
    }

    /** The speaker's AS: the 4-octet AS capability's value when present (RFC 6793), else {@code myAs}. */
    public long as() {
        for (Capability c : capabilities) {
            if (c.code == CAP_FOUR_OCTET_AS && c.value.length == 4) {
                return ((c.value[0] & 0xffL) << 24) | ((c.value[1] & 0xff) << 16) | ((c.value[2] & 0xff) << 8)
                        | (c.value[3] & 0xff);
            }
        }
        return myAs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Open p && p.version == version && p.myAs == myAs && p.holdTime == holdTime
                && p.bgpId.equals(bgpId) && Arrays.equals(p.optionalParameters, optionalParameters);
    }

    @Override
    public int hashCode() {
        return (myAs * 31 + holdTime) * 31 + bgpId.hashCode();
    }

    @Override
    public String toString() {
        return "Open[version=" + version + ", myAs=" + myAs + ", holdTime=" + holdTime + ", bgpId=" + bgpId
                + ", capabilities=" + capabilities + "]";
    }
}
