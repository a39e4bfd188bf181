package org.blackout.ingest.bmp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.Initiation;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PeerUp;
import org.blackout.wire.bmp.PerPeerHeader;
import org.blackout.wire.bmp.StatisticsReport;
import org.blackout.wire.bmp.Termination;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;

/**
 * One router's connection: turns its decoded messages into route elements and events and hands
 * them to {@link Delivery}. When the connection closes, every peer still up gets a STATE element
 * to Idle: without the BMP session its routes are no longer known.
 */
final class BmpRouterHandler extends ChannelInboundHandlerAdapter {
    private final BmpStreamDecoder decoder;
    private final Delivery delivery;
    private final BmpSink sink;
    private final BmpEvents events;
    private final long id;
    private BmpRouter router;

    BmpRouterHandler(BmpStreamDecoder decoder, Delivery delivery, BmpSink sink, BmpEvents events, long id) {
        this.decoder = decoder;
        this.delivery = delivery;
        this.sink = sink;
        this.events = events;
        this.id = id;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        router = new BmpRouter((InetSocketAddress) ctx.channel().remoteAddress(), id);
        BmpRouter r = router;
        delivery.submit(ctx.channel(), () -> events.connected(r));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        BmpRouter r = router;
        switch (msg) {
            case BmpStreamDecoder.Decoded d -> message(ctx, r, d);
            case BmpStreamDecoder.Damaged d -> delivery.submit(ctx.channel(), () -> events.damaged(r, d.offset(), d.problem()));
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void message(ChannelHandlerContext ctx, BmpRouter r, BmpStreamDecoder.Decoded d) {
        BmpMessage m = d.message();
        List<RouteElement> elements = new ArrayList<>();
        try {
            BmpRouteElements.accept(m, System.currentTimeMillis() * 1000, elements::add);
        } catch (DecodeException e) {
            delivery.submit(ctx.channel(), () -> events.damaged(r, d.offset(), e.getMessage()));
            return;
        }
        PerPeerHeader peer = m.peer();
        String collector = peer != null ? r.collector(peer) : r.name();
        Runnable event = switch (m) {
            case Initiation i -> () -> events.initiation(r, i);
            case PeerUp u -> () -> events.peerUp(r, u);
            case PeerDown p -> () -> events.peerDown(r, p);
            case StatisticsReport s -> () -> events.statistics(r, s);
            case Termination t -> () -> events.terminated(r, t);
            default -> null;
        };
        if (elements.isEmpty() && event == null) return;
        delivery.submit(ctx.channel(), () -> {
            for (RouteElement e : elements) sink.accept(collector, e);
            if (event != null) event.run();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        BmpRouter r = router;
        List<PerPeerHeader> up = decoder.session().upPeers();
        long now = System.currentTimeMillis() * 1000;
        delivery.submit(ctx.channel(), () -> {
            for (PerPeerHeader p : up) {
                sink.accept(r.collector(p), new RouteElement(now, ElementType.STATE, p.address(), p.as(), null, 0, null,
                        BmpRouteElements.ESTABLISHED, BmpRouteElements.IDLE));
            }
            events.disconnected(r, up.size());
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (a reset connection) and bugs alike: report, close this router, keep the listener
        BmpRouter r = router;
        String problem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        delivery.submit(ctx.channel(), () -> events.damaged(r, -1, problem));
        ctx.close();
    }
}
