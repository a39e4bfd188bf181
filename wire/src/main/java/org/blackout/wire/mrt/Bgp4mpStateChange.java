package org.blackout.wire.mrt;

import org.blackout.wire.net.IpAddress;

/**
 * BGP4MP STATE_CHANGE / STATE_CHANGE_AS4 (RFC 6396 4.4.1), or the deprecated type 5 BGP_STATE_CHANGE.
 * States are BGP FSM states 1..6 (Idle..Established); Quagga's 7 (Clearing) and 8 (Deleted) are kept as read.
 */
public record Bgp4mpStateChange(MrtHeader header, long peerAs, long localAs, int ifIndex, int afi,
        IpAddress peerAddress, IpAddress localAddress, int oldState, int newState) implements MrtRecord {}
