package org.blackout.wire.element;

import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * One flattened route event: a prefix announced, withdrawn or dumped by a peer, or a peer's state change.
 *
 * @param timeMicros  record time, microseconds since the epoch (BGP4MP_ET precision, else seconds * 1e6)
 * @param peerAs      unsigned 32-bit ASN
 * @param prefix      null for STATE
 * @param pathId      ADD-PATH path identifier, 0 when none
 * @param attributes  null for WITHDRAW and STATE, except a WITHDRAW made by RFC 7606 treat-as-withdraw,
 *                    which keeps the attributes so {@link PathAttributes#reason()} says why
 * @param oldState    BGP FSM state for STATE (1..6; Quagga's 7/8 kept as read), else 0
 */
public record RouteElement(
        long timeMicros,
        ElementType type,
        IpAddress peerAddress,
        long peerAs,
        Prefix prefix,
        long pathId,
        PathAttributes attributes,
        int oldState, int newState) {}
