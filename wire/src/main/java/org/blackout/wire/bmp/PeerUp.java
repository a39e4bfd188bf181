package org.blackout.wire.bmp;

import java.util.List;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.net.IpAddress;

/**
 * Peer Up Notification (RFC 7854 4.10): the session's local end and both OPENs. {@code sentOpen} is
 * the one the monitored router sent, {@code receivedOpen} the one its peer sent; for Loc-RIB peers
 * (RFC 9069 5.3) both describe the router's own RIB.
 */
public record PeerUp(PerPeerHeader peer, IpAddress localAddress, int localPort, int remotePort, Open sentOpen,
        Open receivedOpen, List<InformationTlv> tlvs) implements BmpMessage {
    public static final int TLV_VRF_TABLE_NAME = 3, TLV_ADMIN_LABEL = 4;

    @Override
    public int type() {
        return PEER_UP;
    }

    /** The VRF/table name TLV's text (RFC 9069 5.1), or null. */
    public String tableName() {
        return Tlvs.text(tlvs, TLV_VRF_TABLE_NAME);
    }

    /** Which families carry RFC 7911 path identifiers in this peer's Route Monitoring messages. */
    public AddPath addPath() {
        return AddPath.of(peer, sentOpen, receivedOpen);
    }
}
