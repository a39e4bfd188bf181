package org.blackout.ingest.bmp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.Initiation;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PeerUp;
import org.blackout.wire.bmp.PerPeerHeader;
import org.blackout.wire.bmp.StatisticsReport;
import org.blackout.wire.bmp.Termination;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * One router's connection: turns its decoded messages into route elements and events and hands
 * them to {@link Delivery}. A monitored peer may show up in several tables (pre- and post-policy,
 * Adj-RIB-In and -Out), each a peer of its own for the engine: a Peer Down ends all of them with a
 * STATE element to Idle, and so does the connection closing for every table still open (without
 * the BMP session their routes are no longer known).
 */
final class BmpRouterHandler extends ChannelInboundHandlerAdapter {
    /** A monitored peer as RFC 7854 identifies it. */
    private record PeerId(int type, long distinguisher, IpAddress address) {
        static PeerId of(PerPeerHeader h) {
            return new PeerId(h.peerType(), h.distinguisher(), h.address());
        }
    }

    /** One of a peer's tables as the engine sees it. */
    private record Table(String collector, IpAddress address, long as) {}

    /** An element and the collector (router and table) it belongs to. */
    private record Out(String collector, RouteElement element) {}

    private final Delivery delivery;
    private final ElementSink sink;
    private final BmpEvents events;
    private final long id;
    private final Map<PeerId, Set<Table>> tables = new LinkedHashMap<>();
    /** Deliveries of the current read, handed over together: one queue hand-off per read, not per message. */
    private List<Runnable> pending = new ArrayList<>();
    private BmpRouter router;

    /** Messages per hand-off at most, so a long read still reaches the sink (and backpressure) in steps. */
    static final int BATCH = 256;

    BmpRouterHandler(Delivery delivery, ElementSink sink, BmpEvents events, long id) {
        this.delivery = delivery;
        this.sink = sink;
        this.events = events;
        this.id = id;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        router = new BmpRouter((InetSocketAddress) ctx.channel().remoteAddress(), id);
        BmpRouter r = router;
        submit(ctx, () -> events.connected(r));
        flush(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        BmpRouter r = router;
        switch (msg) {
            case BmpStreamDecoder.Decoded d -> message(ctx, r, d);
            case BmpStreamDecoder.Damaged d -> submit(ctx, () -> events.damaged(r, d.offset(), d.problem()));
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void message(ChannelHandlerContext ctx, BmpRouter r, BmpStreamDecoder.Decoded d) {
        BmpMessage m = d.message();
        PerPeerHeader peer = m.peer();
        String collector = peer != null ? r.collector(peer) : r.name();
        List<Out> out = new ArrayList<>();
        try {
            BmpRouteElements.accept(m, System.currentTimeMillis() * 1000, e -> out.add(new Out(collector, e)));
        } catch (DecodeException e) {
            submit(ctx, () -> events.damaged(r, d.offset(), e.getMessage()));
            return;
        }
        if (m instanceof PeerDown) {
            // BmpRouteElements ended the Peer Down's own table; end the peer's other tables too
            Set<Table> open = tables.remove(PeerId.of(peer));
            if (open != null) {
                long t = out.getFirst().element().timeMicros();
                for (Table table : open) if (!table.collector().equals(collector)) out.add(down(table, t));
            }
        } else if (peer != null) {
            tables.computeIfAbsent(PeerId.of(peer), k -> new LinkedHashSet<>())
                    .add(new Table(collector, peer.address(), peer.as()));
        }
        Runnable event = switch (m) {
            case Initiation i -> () -> events.initiation(r, i);
            case PeerUp u -> () -> events.peerUp(r, u);
            case PeerDown p -> () -> events.peerDown(r, p);
            case StatisticsReport s -> () -> events.statistics(r, s);
            case Termination t -> () -> events.terminated(r, t);
            default -> null;
        };
        if (out.isEmpty() && event == null) return;
        submit(ctx, () -> {
            for (Out o : out) sink.accept(o.collector(), o.element());
            if (event != null) event.run();
        });
    }

    private void submit(ChannelHandlerContext ctx, Runnable r) {
        pending.add(r);
        if (pending.size() >= BATCH) flush(ctx);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (pending.isEmpty()) return;
        List<Runnable> batch = pending;
        pending = new ArrayList<>();
        delivery.submit(ctx.channel(), () -> {
            for (Runnable r : batch) r.run();
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    private static Out down(Table t, long timeMicros) {
        return new Out(t.collector(), new RouteElement(timeMicros, ElementType.STATE, t.address(), t.as(), null, 0, null,
                org.blackout.wire.bgp.FsmState.ESTABLISHED.code(), org.blackout.wire.bgp.FsmState.IDLE.code()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        BmpRouter r = router;
        long now = System.currentTimeMillis() * 1000;
        List<Out> out = new ArrayList<>();
        for (Set<Table> open : tables.values()) for (Table t : open) out.add(down(t, now));
        int peers = tables.size();
        tables.clear();
        submit(ctx, () -> {
            for (Out o : out) sink.accept(o.collector(), o.element());
            events.disconnected(r, peers);
        });
        flush(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (a reset connection) and bugs alike: report, close this router, keep the listener
        BmpRouter r = router;
        String problem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        submit(ctx, () -> events.damaged(r, -1, problem));
        flush(ctx);
        ctx.close();
    }
}
