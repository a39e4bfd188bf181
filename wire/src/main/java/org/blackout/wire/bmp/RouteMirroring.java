package org.blackout.wire.bmp;

import java.util.List;
import org.blackout.wire.bgp.BgpMessage;

/**
 * Route Mirroring (RFC 7854 4.7): verbatim BGP messages from a peer. {@code messages} holds the
 * type 0 TLVs that decoded; {@code tlvs} all TLVs as read (type 1 carries the information code).
 */
public record RouteMirroring(PerPeerHeader peer, List<InformationTlv> tlvs, List<BgpMessage> messages)
        implements BmpMessage {
    public static final int TLV_BGP_MESSAGE = 0, TLV_INFORMATION = 1;

    @Override
    public int type() {
        return ROUTE_MIRRORING;
    }
}
