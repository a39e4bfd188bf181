package org.blackout.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A local RIS Live stand-in for serve tests: one endless stream of steps (each a few RIS Live
 * messages, from {@code step}), shared by whoever connects, as RIS Live is: a client that reconnects
 * continues from the current step and never sees what it missed. Steps before {@code burst} go out at
 * once, later ones one every {@code periodMs}.
 */
final class RisLiveStream implements AutoCloseable {
    private final IntFunction<List<String>> step;
    private final int burst;
    private final long periodMs;
    final AtomicInteger next = new AtomicInteger();
    /** Steps from here on wait (the stream pauses, the connection stays). */
    volatile int pauseAt = Integer.MAX_VALUE;
    final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel server;

    RisLiveStream(IntFunction<List<String>> step, int burst, long periodMs) {
        this.step = step;
        this.burst = burst;
        this.periodMs = periodMs;
    }

    int start() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/v1/ws/").checkStartsWith(true).build()),
                                new Streamer());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private final class Streamer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (!frame.text().contains("ris_subscribe")) return;
            connections.incrementAndGet();
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) return;
            int i;
            do {
                i = next.get();
                if (i >= pauseAt || !next.compareAndSet(i, i + 1)) break;
                for (String t : step.apply(i)) ctx.write(new TextWebSocketFrame(t));
            } while (i + 1 < burst);
            ctx.flush();
            ctx.executor().schedule(() -> send(ctx), periodMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (server != null) server.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
