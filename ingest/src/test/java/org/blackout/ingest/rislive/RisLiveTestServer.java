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
 * number i gets script i's texts, then its raw action if any (bytes written past the websocket
 * encoder: broken or oversized frames), then is either dropped or left silent (to look stale).
 */
final class RisLiveTestServer implements AutoCloseable {
    record Script(List<String> texts, boolean dropAfter, java.util.function.Consumer<ChannelHandlerContext> then) {
        Script(List<String> texts, boolean dropAfter) {
            this(texts, dropAfter, null);
        }
    }

    /** When each subscription arrived (System.nanoTime). */
    final List<Long> subscribedAt = new CopyOnWriteArrayList<>();

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
            subscribedAt.add(System.nanoTime());
            int i = connections.getAndIncrement();
            if (i >= scripts.size()) return; // silent
            Script s = scripts.get(i);
            for (String t : s.texts()) ctx.write(new TextWebSocketFrame(t));
            ctx.flush();
            if (s.then() != null) s.then().accept(ctx);
            if (s.dropAfter()) ctx.close();
        }
    }

    /**
     * Streams {@code total} bytes as websocket frames of {@code chunk} bytes ('a's), written raw one
     * after another while the peer keeps the connection; {@code sent} counts the bytes written.
     * {@code oneFrame}: a single frame whose header announces all of {@code total}; else a fragmented
     * text message (a text frame, continuations, the last with FIN).
     */
    static void stream(ChannelHandlerContext ctx, long total, int chunk, boolean oneFrame, java.util.concurrent.atomic.AtomicLong sent) {
        io.netty.buffer.ByteBuf block = io.netty.buffer.Unpooled.unreleasableBuffer(
                io.netty.buffer.Unpooled.wrappedBuffer("a".repeat(chunk).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        new Object() {
            long done;

            void next() {
                if (done >= total || !ctx.channel().isActive()) return;
                boolean first = done == 0, last = done + chunk >= total;
                io.netty.buffer.ByteBuf out = ctx.alloc().buffer(10);
                if (oneFrame) {
                    if (first) header(out, 0x81, total);
                } else {
                    header(out, (last ? 0x80 : 0) | (first ? 0x1 : 0x0), chunk);
                }
                ctx.write(out);
                ctx.writeAndFlush(block.duplicate()).addListener(f -> {
                    if (f.isSuccess()) {
                        done += chunk;
                        sent.addAndGet(chunk);
                        next();
                    }
                });
            }
        }.next();
    }

    /** A server frame header (unmasked): FIN/opcode byte, then the 64-bit length form. */
    static void header(io.netty.buffer.ByteBuf out, int finOpcode, long length) {
        out.writeByte(finOpcode);
        out.writeByte(127);
        out.writeLong(length);
    }

    @Override
    public void close() {
        if (server != null) server.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
