package org.blackout.wire.mrt;

import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.net.IpAddress;

/**
 * A BGP4MP / BGP4MP_ET MESSAGE* record (RFC 6396 4.4, RFC 8050), or a deprecated type 5 (BGP)
 * UPDATE/OPEN/NOTIFY/KEEPALIVE record of early RIS files (then {@code header().type() == 5},
 * {@code ifIndex} 0, {@code afi} 1, and the "local" fields hold the record's destination).
 */
public record Bgp4mpMessage(MrtHeader header, long peerAs, long localAs, int ifIndex, int afi,
        IpAddress peerAddress, IpAddress localAddress, BgpMessage message) implements MrtRecord {

    public static final int STATE_CHANGE = 0, MESSAGE = 1, MESSAGE_AS4 = 4, STATE_CHANGE_AS4 = 5,
            MESSAGE_LOCAL = 6, MESSAGE_AS4_LOCAL = 7, MESSAGE_ADDPATH = 8, MESSAGE_AS4_ADDPATH = 9,
            MESSAGE_LOCAL_ADDPATH = 10, MESSAGE_AS4_LOCAL_ADDPATH = 11;

    /** Whether AS numbers in the record and its AS_PATH are 4 octets. */
    public boolean as4() {
        return header.kind() != MrtType.BGP && as4Subtype(header.subtype());
    }

    public boolean addPath() {
        return header.kind() != MrtType.BGP && header.subtype() >= MESSAGE_ADDPATH
                && header.subtype() <= MESSAGE_AS4_LOCAL_ADDPATH;
    }

    /** True for the _LOCAL subtypes: a message sent by the collector, not received. */
    public boolean local() {
        int s = header.subtype();
        return header.kind() != MrtType.BGP
                && (s == MESSAGE_LOCAL || s == MESSAGE_AS4_LOCAL || s == MESSAGE_LOCAL_ADDPATH
                        || s == MESSAGE_AS4_LOCAL_ADDPATH);
    }

    static boolean as4Subtype(int s) {
        return s == MESSAGE_AS4 || s == STATE_CHANGE_AS4 || s == MESSAGE_AS4_LOCAL || s == MESSAGE_AS4_ADDPATH
                || s == MESSAGE_AS4_LOCAL_ADDPATH;
    }
}
