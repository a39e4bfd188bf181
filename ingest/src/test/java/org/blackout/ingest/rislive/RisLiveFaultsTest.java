package org.blackout.ingest.rislive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.ingest.rislive.RisLiveClientTest.await;
import static org.blackout.ingest.rislive.RisLiveClientTest.generated;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.ingest.config.RisLiveConfig;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;
import org.blackout.testkit.RisLiveServer;
import org.junit.jupiter.api.Test;

/**
 * RIS Live streams that misbehave, from a local websocket server: garbage texts and binary frames are
 * counted and skipped on a working stream; broken framing, a 100 MB frame and a 100 MB fragmented
 * message close the connection before more than a few MB were sent (nothing of them is buffered), and
 * the client reconnects with a backoff that doubles while streams fail and starts afresh after one works.
 */
class RisLiveFaultsTest {
    static final long HUNDRED_MB = 100L << 20;

    static String announce(int i) {
        return generated(1553628000 + i, "192.0.2." + (10 + i), "6450" + i, "\"path\":[6450" + i + "],\"origin\":\"igp\","
                + "\"announcements\":[{\"next_hop\":\"192.0.2.1\",\"prefixes\":[\"198.51." + i + ".0/24\"]}]");
    }

    static RisLiveConfig config(int port, Duration min, Duration max) {
        return new RisLiveConfig(URI.create("ws://127.0.0.1:" + port + "/v1/ws/"), Map.of(), Duration.ofSeconds(30), min, max);
    }

    static boolean has(List<RouteElement> l, String prefix) {
        return l.stream().anyMatch(e -> Prefix.parse(prefix).equals(e.prefix()));
    }

    @Test
    void garbageIsSkippedAndBrokenFramingReconnects() throws Exception {
        List<String> garbage = List.of("garbage", "", "[1,2,3]", "{\"type\":\"ris_message\"}",
                "{\"type\":\"ris_message\",\"data\":{\"peer\":\"not an address\",\"timestamp\":\"soon\",\"type\":\"UPDATE\"}}",
                "{\"type\":\"ris_message\",\"data\":{\"peer\":\"192.0.2.1\",\"peer_asn\":\"x\",\"timestamp\":1,\"type\":\"UPDATE\","
                        + "\"raw\":\"FFFFFFFF\"}}",
                "{\"type\":\"ris_message\",\"data\":{\"peer\":\"192.0.2.1\",\"peer_asn\":\"1\",\"timestamp\":1,\"type\":\"UPDATE\","
                        + "\"announcements\":[{\"next_hop\":\"192.0.2.1\",\"prefixes\":[\"300.1.2.0/24\"]}]}}",
                "{\"type\":\"ris_message\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                "\u0000\u0001\uFFFD");
        List<String> first = new ArrayList<>(garbage);
        first.add(announce(1));
        List<RisLiveServer.Script> scripts = List.of(
                // garbage texts, a good message, a binary frame, then a text frame of invalid UTF-8
                new RisLiveServer.Script(first, false, ctx -> {
                    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 2, (byte) 0xC3, 0x28}));
                }),
                // a reserved opcode: not websocket at all
                new RisLiveServer.Script(List.of(announce(2)), false,
                        ctx -> ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0x8F, 3, 'x', 'y', 'z'}))),
                new RisLiveServer.Script(List.of(announce(3)), false));
        List<RouteElement> elements = new CopyOnWriteArrayList<>();
        try (RisLiveServer server = RisLiveServer.scripted(scripts)) {
            int port = server.port();
            try (RisLiveClient client = new RisLiveClient(config(port, Duration.ofMillis(50), Duration.ofMillis(400)),
                    e -> elements.addAll(e.elements()))) {
                client.start();
                await(() -> has(elements, "198.51.3.0/24"));
                assertThat(elements).extracting(e -> String.valueOf(e.prefix()))
                        .containsExactly("198.51.1.0/24", "198.51.2.0/24", "198.51.3.0/24");
                assertThat(client.malformed()).as("garbage texts and the binary frame").isEqualTo(garbage.size() + 1);
                assertThat(client.protocolErrors()).as("invalid UTF-8, a reserved opcode").isEqualTo(2);
                assertThat(client.connects()).isEqualTo(3);
                assertThat(client.messages()).isEqualTo(3);
            }
        }
    }

    @Test
    void hundredMegabyteFramesAreRefusedWithoutBeingRead() throws Exception {
        AtomicLong oneFrame = new AtomicLong(), fragments = new AtomicLong();
        List<RisLiveServer.Script> scripts = List.of(
                new RisLiveServer.Script(List.of(), false, ctx -> stream(ctx, HUNDRED_MB, 1 << 16, true, oneFrame)),
                new RisLiveServer.Script(List.of(), false, ctx -> stream(ctx, HUNDRED_MB, 1 << 16, false, fragments)),
                new RisLiveServer.Script(List.of(announce(4)), false));
        List<RouteElement> elements = new CopyOnWriteArrayList<>();
        try (RisLiveServer server = RisLiveServer.scripted(scripts)) {
            int port = server.port();
            try (RisLiveClient client = new RisLiveClient(config(port, Duration.ofMillis(50), Duration.ofMillis(400)),
                    e -> elements.addAll(e.elements()))) {
                client.start();
                await(() -> has(elements, "198.51.4.0/24"));
                assertThat(has(elements, "198.51.4.0/24")).isTrue();
                assertThat(client.protocolErrors()).as("the frame and the message").isEqualTo(2);
                assertThat(client.connects()).isEqualTo(3);
            }
        }
        // the client hung up after the header (one frame) or after MAX_MESSAGE (fragments): what the
        // server got out is that plus the sockets' buffers, far from 100 MB
        assertThat(oneFrame.get()).as("bytes of the 100 MB frame sent").isLessThan(16L << 20);
        assertThat(fragments.get()).as("bytes of the 100 MB message sent")
                .isGreaterThanOrEqualTo(RisLiveClient.MAX_MESSAGE).isLessThan(RisLiveClient.MAX_MESSAGE + (16L << 20));
    }

    @Test
    void failingStreamsBackOffAndAWorkingOneResetsTheBackoff() throws Exception {
        List<RisLiveServer.Script> scripts = new ArrayList<>();
        for (int i = 0; i < 5; i++) scripts.add(new RisLiveServer.Script(List.of(), true)); // handshake, then dropped
        scripts.add(new RisLiveServer.Script(List.of(announce(5)), true)); // works, then dropped
        scripts.add(new RisLiveServer.Script(List.of(announce(6)), false));
        List<RouteElement> elements = new CopyOnWriteArrayList<>();
        try (RisLiveServer server = RisLiveServer.scripted(scripts)) {
            int port = server.port();
            try (RisLiveClient client = new RisLiveClient(config(port, Duration.ofMillis(100), Duration.ofSeconds(5)),
                    e -> elements.addAll(e.elements()))) {
                client.start();
                await(() -> has(elements, "198.51.6.0/24"));
                assertThat(has(elements, "198.51.6.0/24")).isTrue();
            }
            List<Long> at = server.subscribedAt;
            assertThat(at).hasSize(7);
            long[] gapMs = new long[6];
            for (int i = 0; i < 6; i++) gapMs[i] = (at.get(i + 1) - at.get(i)) / 1_000_000;
            // after the k-th failure the delay is 100 ms << (k-1), jittered down to half at most
            for (int k = 1; k <= 5; k++) {
                assertThat(gapMs[k - 1]).as("gap after failure %d: %s", k, java.util.Arrays.toString(gapMs))
                        .isGreaterThanOrEqualTo((100L << (k - 1)) / 2);
            }
            assertThat(gapMs[4]).as("doubled four times: %s", java.util.Arrays.toString(gapMs)).isGreaterThan(gapMs[0]);
            assertThat(gapMs[5]).as("a stream that worked starts the backoff afresh: %s", java.util.Arrays.toString(gapMs))
                    .isLessThan(gapMs[4]).isLessThan(800);
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
}
