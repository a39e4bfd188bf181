package org.blackout.ingest.bmp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.blackout.wire.element.ElementSink;

/**
 * A BMP station (RFC 7854): accepts TCP connections from routers, decodes their BMP streams and
 * delivers route elements to a {@link ElementSink} and BMP events to {@link BmpEvents}, all on one
 * delivery thread. A consumer that falls behind makes the listener stop reading from routers
 * (see {@link Delivery}); nothing queues without bound. Damaged streams are reported and resynchronised
 * or closed; they never stop the listener.
 */
public final class BmpListener implements AutoCloseable {
    public static final int DEFAULT_PORT = 1790, DEFAULT_QUEUE = 4096;

    private final ElementSink sink;
    private final BmpEvents events;
    private final Delivery delivery;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final AtomicLong connections = new AtomicLong();
    private Channel server;
    private volatile Predicate<InetAddress> allowed = a -> true;
    /** Addresses refused so far (each reported once); bounded so a scan cannot grow it without end. */
    private final java.util.Set<InetAddress> refusedAddresses = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_REFUSED_REMEMBERED = 1 << 16;
    private final AtomicLong refused = new AtomicLong();

    public BmpListener(ElementSink sink, BmpEvents events) {
        this(sink, events, DEFAULT_QUEUE);
    }

    /** @param queueCapacity deliveries (one per BMP message) in flight between the routers and the sink */
    public BmpListener(ElementSink sink, BmpEvents events, int queueCapacity) {
        this.sink = sink;
        this.events = events;
        this.delivery = new Delivery(queueCapacity);
    }

    /**
     * Accept only routers whose address passes {@code allow} (all by default; see {@link BmpAllow} for
     * the safe choice); others are closed at once, counted ({@link #refused()}) and reported through
     * {@link BmpEvents#refused} the first time each address is refused.
     */
    public BmpListener allow(Predicate<InetAddress> allow) {
        this.allowed = allow;
        return this;
    }

    /** Starts listening; returns the bound address (pass port 0 for any free port). */
    public InetSocketAddress bind(InetSocketAddress address) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetSocketAddress remote = ch.remoteAddress();
                        if (!allowed.test(remote.getAddress())) {
                            ch.close();
                            refused.incrementAndGet();
                            if (refusedAddresses.size() < MAX_REFUSED_REMEMBERED && refusedAddresses.add(remote.getAddress())) {
                                events.refused(remote);
                            }
                            return;
                        }
                        ch.pipeline().addLast("bmp-frames", new BmpStreamDecoder());
                        ch.pipeline().addLast("bmp-router",
                                new BmpRouterHandler(delivery, sink, events, connections.incrementAndGet()));
                    }
                });
        server = b.bind(address).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    /** Connections refused so far (every attempt, also from addresses already reported). */
    public long refused() {
        return refused.get();
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Times a router's connection was paused because the sink was behind. */
    public long pauses() {
        return delivery.pauses();
    }

    /** Stops accepting, closes the routers' connections, delivers what was already decoded, stops. */
    @Override
    public void close() throws InterruptedException {
        if (server != null) server.close().sync();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).sync();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).sync();
        delivery.close();
    }
}
