package org.blackout.kafka.openbmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.FsmState;
import org.blackout.wire.bmp.BmpFraming;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PerPeerHeader;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * Turns OpenBMP raw records into route elements as the BMP listener turns a router's connection
 * into them: one {@link BmpSession} per router (its ADD-PATH and peer state), collectors named
 * {@code bmp:ROUTER} plus the table when it is not the global pre-policy Adj-RIB-In, and a Peer Down
 * ending every table of the peer. Records of one router must arrive in order (OpenBMP keys them by
 * router and peer, so they do within a partition).
 */
public final class OpenBmpRawDecoder {
    private record PeerId(IpAddress router, int type, long distinguisher, IpAddress address) {}

    private record Table(String collector, IpAddress address, long as) {}

    private final Map<IpAddress, BmpSession> sessions = new HashMap<>();
    private final Map<PeerId, Set<Table>> tables = new LinkedHashMap<>();

    /**
     * Decodes one record's value and hands its elements to {@code sink}; returns the header.
     *
     * @throws DecodeException naming the field and byte offset when the header or BMP message does not decode
     */
    public OpenBmpHeader accept(byte[] value, ElementSink sink) {
        ByteBuf in = Unpooled.wrappedBuffer(value);
        OpenBmpHeader h = OpenBmpHeader.read(in);
        if (h.objectType() != OpenBmpHeader.BMP_RAW || !h.fromRouter()) return h; // collector heartbeats and other objects
        int from = in.readerIndex(), to = from + (int) h.messageLength();
        if (h.messageLength() > in.readableBytes()) throw new DecodeException("openbmp message", "length "
                + h.messageLength() + " but " + in.readableBytes() + " bytes follow the header (byte " + from + ")");
        BmpSession session = sessions.computeIfAbsent(h.routerIp(), r -> new BmpSession());
        String router = "bmp:" + h.routerIp();
        for (int at = from; at < to; ) { // one message per record, but a row may carry several
            int len = BmpFraming.frameLength(in, at, to - at);
            if (len < 0 || at + len > to) throw new DecodeException("openbmp message", "BMP message truncated at byte " + at);
            BmpMessage m = session.decode(in, at, at + len);
            deliver(router, h, m, sink);
            at += len;
        }
        return h;
    }

    private void deliver(String router, OpenBmpHeader h, BmpMessage m, ElementSink sink) {
        PerPeerHeader peer = m.peer();
        String table = peer == null ? "" : BmpRouteElements.table(peer);
        String collector = table.isEmpty() ? router : router + " " + table;
        List<RouteElement> out = new ArrayList<>();
        BmpRouteElements.accept(m, h.collectorTimeMicros(), out::add);
        if (m instanceof PeerDown) {
            Set<Table> open = tables.remove(new PeerId(h.routerIp(), peer.peerType(), peer.distinguisher(), peer.address()));
            for (RouteElement e : out) sink.accept(collector, e);
            if (open != null && !out.isEmpty()) {
                long t = out.getFirst().timeMicros();
                for (Table o : open) {
                    if (o.collector().equals(collector)) continue;
                    sink.accept(o.collector(), new RouteElement(t, ElementType.STATE, o.address(), o.as(), null, 0, null,
                            FsmState.ESTABLISHED.code(), FsmState.IDLE.code()));
                }
            }
            return;
        }
        if (peer != null) {
            tables.computeIfAbsent(new PeerId(h.routerIp(), peer.peerType(), peer.distinguisher(), peer.address()),
                    k -> new LinkedHashSet<>()).add(new Table(collector, peer.address(), peer.as()));
        }
        for (RouteElement e : out) sink.accept(collector, e);
    }
}
