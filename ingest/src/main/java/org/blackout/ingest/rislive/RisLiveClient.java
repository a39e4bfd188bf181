package org.blackout.ingest.rislive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.blackout.ingest.bgp.FeedEvent;
import org.blackout.ingest.bgp.FeedSink;
import org.blackout.ingest.config.RisLiveConfig;

/**
 * A RIS Live websocket client (Netty's websocket codec): connects, sends {@code ris_subscribe} with the
 * configured filters (raw UPDATEs asked for, so the wire decoder sees every attribute), turns each
 * message into feed events, and reconnects with exponential backoff and jitter whenever the connection
 * fails, closes, or goes silent for {@code staleAfter} (a stale stream: RIS Live sends UPDATEs every
 * second for any broad subscription, so silence means a stuck connection).
 *
 * <p>Backpressure: decoded events go through a bounded hand-off to a forwarding thread that feeds the
 * (blocking) sink; when the hand-off passes its high-water mark the channel stops reading (autoRead
 * off), so TCP slows the server, and reading resumes below the low-water mark. The event loop never
 * blocks, and a paused stream is not mistaken for a stale one.
 *
 * <p>Hostile or broken streams: a text that is not a RIS Live message, or a binary frame, is counted
 * and skipped; a frame longer than {@link #MAX_FRAME} or a fragmented message longer than
 * {@link #MAX_MESSAGE} is refused as soon as its header says so (nothing of it is buffered), and a
 * stream breaking the websocket protocol (bad UTF-8, bad opcodes) is closed; both count as
 * protocol errors and reconnect with the backoff, which grows until a stream delivers a message.
 */
public final class RisLiveClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("blackout.rislive");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RisLiveConfig config;
    private final FeedSink sink;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final RisMessageDecoder decoder = new RisMessageDecoder();
    private final SslContext ssl;
    private final AtomicLong connects = new AtomicLong(), messages = new AtomicLong(), malformed = new AtomicLong(),
            stale = new AtomicLong(), protocolErrors = new AtomicLong();
    /** Largest websocket frame accepted: RIS Live messages are a few kB (an UPDATE of 4 kB is 8 kB of hex). */
    public static final int MAX_FRAME = 1 << 20;
    /** Largest message accepted from fragments. */
    public static final int MAX_MESSAGE = 1 << 22;
    private static final int HIGH_WATER = 1024, LOW_WATER = 256;
    private final BlockingQueue<FeedEvent> handOff = new ArrayBlockingQueue<>(8 * HIGH_WATER);
    private final Thread forwarder;
    private volatile boolean closed, paused;
    private volatile Channel channel;
    private int failures;

    public RisLiveClient(RisLiveConfig config, FeedSink sink) {
        this.config = config;
        this.sink = sink;
        try {
            this.ssl = "wss".equals(config.url().getScheme()) ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            throw new IllegalStateException("TLS for " + config.url(), e);
        }
        this.forwarder = Thread.ofVirtual().name("rislive-feed").start(this::forward);
    }

    /** Feeds the sink from the hand-off; resumes reading once the backlog is low. */
    private void forward() {
        try {
            while (true) {
                FeedEvent e = handOff.take();
                sink.accept(e);
                Channel c = channel;
                if (paused && handOff.size() <= LOW_WATER && c != null) {
                    paused = false;
                    c.eventLoop().execute(() -> c.config().setAutoRead(true));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "RIS Live: the feed failed", e);
        }
    }

    /** Events decoded but not yet taken by the sink. */
    public int backlog() {
        return handOff.size();
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        group.execute(this::connect);
    }

    /** Successful websocket handshakes so far. */
    public long connects() {
        return connects.get();
    }

    /** ris_message texts handled. */
    public long messages() {
        return messages.get();
    }

    /** Texts that were not valid RIS Live messages (skipped and logged). */
    public long malformed() {
        return malformed.get();
    }

    /** Connections closed because the stream went silent. */
    public long staleStreams() {
        return stale.get();
    }

    /** Connections closed for a websocket protocol error or an oversized frame or message. */
    public long protocolErrors() {
        return protocolErrors.get();
    }

    public RisMessageDecoder decoder() {
        return decoder;
    }

    /** The subscription message: the configured filters, plus socket options asking for raw UPDATEs unless set. */
    String subscribeMessage() {
        Map<String, Object> data = new LinkedHashMap<>(config.subscribe());
        data.putIfAbsent("socketOptions", Map.of("includeRaw", true, "acknowledge", true));
        try {
            return JSON.writeValueAsString(Map.of("type", "ris_subscribe", "data", data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void connect() {
        if (closed) return;
        URI uri = config.url();
        boolean tls = ssl != null;
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(MAX_FRAME).handshakeTimeoutMillis(10_000).build();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls) ch.pipeline().addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(ws), new WebSocketFrameAggregator(MAX_MESSAGE),
                                new IdleStateHandler(config.staleAfter().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                                new Handler());
                    }
                });
        ChannelFuture f = b.connect(uri.getHost(), port);
        f.addListener(x -> {
            if (!x.isSuccess()) {
                LOG.log(Level.WARNING, "RIS Live: cannot connect to {0}: {1}", uri, x.cause().toString());
                reconnectLater();
            } else {
                channel = f.channel();
                f.channel().closeFuture().addListener(c -> reconnectLater());
            }
        });
    }

    private void reconnectLater() {
        if (closed) return;
        failures++;
        long min = config.reconnectMin().toMillis(), max = config.reconnectMax().toMillis();
        long delay = Math.min(max, min << Math.min(20, failures - 1));
        delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1); // jitter: many clients, one server
        LOG.log(Level.INFO, "RIS Live: reconnecting in {0} ms", Long.toString(delay));
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connects.incrementAndGet();
                LOG.log(Level.INFO, "RIS Live: connected to {0}, subscribing", config.url());
                ctx.writeAndFlush(new TextWebSocketFrame(subscribeMessage()));
            } else if (evt instanceof IdleStateEvent && paused) {
                // not reading on purpose (the engine is behind): not a stale stream
            } else if (evt instanceof IdleStateEvent) {
                stale.incrementAndGet();
                LOG.log(Level.WARNING, "RIS Live: no message for {0}, closing the stale stream", config.staleAfter());
                ctx.close();
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) throws Exception {
            if (!(f instanceof TextWebSocketFrame frame)) {
                malformed.incrementAndGet();
                LOG.log(Level.WARNING, "RIS Live: skipped a {0} of {1} bytes (RIS Live sends text)",
                        f.getClass().getSimpleName(), Integer.toString(f.content().readableBytes()));
                return;
            }
            switch (decoder.decode(frame.text())) {
                case RisMessageDecoder.Result.Events ev -> {
                    failures = 0; // the stream works: next failure starts the backoff afresh
                    messages.incrementAndGet();
                    for (FeedEvent e : ev.events()) {
                        // the bound holds: reading stops at HIGH_WATER, and one read holds far fewer
                        // messages than the remaining capacity; put() only waits if that ever fails
                        if (!handOff.offer(e)) handOff.put(e);
                    }
                    if (handOff.size() >= HIGH_WATER && !paused) {
                        paused = true;
                        ctx.channel().config().setAutoRead(false);
                    }
                }
                case RisMessageDecoder.Result.Ignored ig -> {
                    failures = 0;
                    messages.incrementAndGet();
                    if (ig.what().startsWith("ris_error")) LOG.log(Level.WARNING, "RIS Live: {0}", ig.what());
                }
                case RisMessageDecoder.Result.Malformed m -> {
                    malformed.incrementAndGet();
                    LOG.log(Level.WARNING, "RIS Live: skipped a malformed message: {0}", m.why());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException || cause instanceof TooLongFrameException
                    || cause.getCause() instanceof CorruptedWebSocketFrameException) {
                protocolErrors.incrementAndGet();
                LOG.log(Level.WARNING, "RIS Live: closing a broken stream (frames at most {0} bytes, messages {1}): {2}",
                        Integer.toString(MAX_FRAME), Integer.toString(MAX_MESSAGE), cause.toString());
            } else {
                LOG.log(Level.WARNING, "RIS Live: {0}", cause.toString());
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        Channel c = channel;
        if (c != null) c.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
        long deadline = System.nanoTime() + 5_000_000_000L; // hand what was received to the feed
        while (!handOff.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        forwarder.interrupt();
    }

}
