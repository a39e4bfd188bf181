package org.blackout.wire.bmp;

import java.util.Arrays;
import org.blackout.wire.bgp.Notification;

/**
 * Peer Down Notification (RFC 7854 4.9). {@code notification} is set for reasons 1 and 3,
 * {@code fsmEvent} for reason 2 (else -1); {@code data} is whatever followed the reason octet,
 * e.g. RFC 9069's TLVs for reason 6.
 */
public record PeerDown(PerPeerHeader peer, int reason, Notification notification, int fsmEvent, byte[] data)
        implements BmpMessage {
    public static final int LOCAL_NOTIFICATION = 1, LOCAL_NO_NOTIFICATION = 2, REMOTE_NOTIFICATION = 3,
            REMOTE_NO_NOTIFICATION = 4, PEER_DECONFIGURED = 5, LOCAL_SYSTEM_CLOSED = 6;

    @Override
    public int type() {
        return PEER_DOWN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerDown d && d.peer.equals(peer) && d.reason == reason && d.fsmEvent == fsmEvent
                && java.util.Objects.equals(d.notification, notification) && Arrays.equals(d.data, data);
    }

    @Override
    public int hashCode() {
        return peer.hashCode() * 31 + reason;
    }

    @Override
    public String toString() {
        return "PeerDown[peer=" + peer + ", reason=" + reason
                + (notification != null ? ", " + notification : "") + (fsmEvent >= 0 ? ", fsmEvent=" + fsmEvent : "")
                + "]";
    }
}
