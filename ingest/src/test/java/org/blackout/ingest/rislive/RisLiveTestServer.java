package org.blackout.ingest.rislive;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for RIS Live (Netty websocket server): after a client's ris_subscribe, connection
 * number i gets script i's texts, then is either dropped or left silent (to look stale).
 */
final class RisLiveTestServer implements AutoCloseable {
    record Script(List<String> texts, boolean dropAfter) {}

    final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Script> scripts;
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel server;

    RisLiveTestServer(List<Script> scripts) {
        this.scripts = scripts;
    }

    int start() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/v1/ws/").checkStartsWith(true).build()),
                                new Replayer());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    int connections() {
        return connections.get();
    }

    private final class Replayer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            if (!text.contains("ris_subscribe")) return;
            subscriptions.add(text);
            int i = connections.getAndIncrement();
            if (i >= scripts.size()) return; // silent
            Script s = scripts.get(i);
            for (String t : s.texts()) ctx.write(new TextWebSocketFrame(t));
            ctx.flush();
            if (s.dropAfter()) ctx.close();
        }
    }

    @Override
    public void close() {
        if (server != null) server.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
