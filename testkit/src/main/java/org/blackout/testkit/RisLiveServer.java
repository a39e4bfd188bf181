package org.blackout.testkit;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A local stand-in for RIS Live (a Netty websocket server on loopback, path {@code /v1/ws/}): what
 * it sends after a client's {@code ris_subscribe} is up to an {@link OnSubscribe}. Three behaviours
 * cover the tests: {@link #sending} (the same messages to everyone), {@link #scripted} (connection
 * i gets script i, to test reconnects and faults) and {@link Stream} (one endless shared stream, as
 * RIS Live is: a client that reconnects continues from the current message and never sees what it missed).
 */
public final class RisLiveServer implements AutoCloseable {

    /** What to do when connection number {@code connection} (from 0) subscribes. Runs on the server's event loop. */
    @FunctionalInterface
    public interface OnSubscribe {
        void subscribed(ChannelHandlerContext ctx, int connection);
    }

    /** The subscription messages received, in order. */
    public final List<String> subscriptions = new CopyOnWriteArrayList<>();
    /** When each subscription arrived ({@link System#nanoTime}). */
    public final List<Long> subscribedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final OnSubscribe onSubscribe;
    private Channel server;

    private RisLiveServer(OnSubscribe onSubscribe) {
        this.onSubscribe = onSubscribe;
    }

    /** Listens on a free loopback port ({@link #port}). */
    public static RisLiveServer start(OnSubscribe onSubscribe) throws InterruptedException {
        RisLiveServer s = new RisLiveServer(onSubscribe);
        try {
            s.bind();
        } catch (RuntimeException | InterruptedException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Sends {@code messages} to every subscriber, then leaves the connection open and silent. */
    public static RisLiveServer sending(List<String> messages) throws InterruptedException {
        List<String> copy = List.copyOf(messages);
        return start((ctx, i) -> {
            for (String m : copy) ctx.write(new TextWebSocketFrame(m));
            ctx.flush();
        });
    }

    /**
     * Connection i gets script i's texts, then its action if any (e.g. raw bytes past the websocket
     * encoder: broken or oversized frames), then is dropped or left silent (to look stale). Connections
     * past the last script get nothing.
     */
    public record Script(List<String> texts, boolean dropAfter, Consumer<ChannelHandlerContext> then) {
        public Script(List<String> texts, boolean dropAfter) {
            this(texts, dropAfter, null);
        }
    }

    public static RisLiveServer scripted(List<Script> scripts) throws InterruptedException {
        List<Script> copy = List.copyOf(scripts);
        return start((ctx, i) -> {
            if (i >= copy.size()) return;
            Script s = copy.get(i);
            for (String t : s.texts()) ctx.write(new TextWebSocketFrame(t));
            ctx.flush();
            if (s.then() != null) s.then().accept(ctx);
            if (s.dropAfter()) ctx.close();
        });
    }

    /**
     * One endless stream of steps (each a few RIS Live messages, from {@code step}) shared by whoever
     * is connected. Steps before {@code burst} go out at once, later ones one every {@code periodMs};
     * steps from {@link #pauseAt} on wait (the stream pauses, the connection stays).
     */
    public static final class Stream implements OnSubscribe {
        private final IntFunction<List<String>> step;
        private final int burst;
        private final long periodMs;
        /** The next step to send. */
        public final AtomicInteger next = new AtomicInteger();
        public volatile int pauseAt = Integer.MAX_VALUE;

        public Stream(IntFunction<List<String>> step, int burst, long periodMs) {
            this.step = step;
            this.burst = burst;
            this.periodMs = periodMs;
        }

        @Override
        public void subscribed(ChannelHandlerContext ctx, int connection) {
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

    private void bind() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/v1/ws/").checkStartsWith(true).build()),
                                new Subscriptions());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private final class Subscriptions extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            if (!text.contains("ris_subscribe")) return;
            subscriptions.add(text);
            subscribedAt.add(System.nanoTime());
            onSubscribe.subscribed(ctx, connections.getAndIncrement());
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The websocket URL a RIS Live client is pointed at. */
    public String url() {
        return "ws://127.0.0.1:" + port() + "/v1/ws/";
    }

    /** Subscriptions received so far (one per connection that subscribed). */
    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        if (server != null) server.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3000);
    }
}
