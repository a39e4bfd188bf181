package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.net.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * A peer flooding UPDATEs while the engine is stuck: the feed queue stays at its bound, the collector
 * stops reading, and the peer's writes block (TCP flow control) instead of anything piling up in memory;
 * once the engine moves again every route arrives.
 */
class BackpressureTest {
    static final int ROUTES = 4_000_000, PER_UPDATE = 500, QUEUE = 8;

    @Test
    void aFloodingPeerIsSlowedDownNotBuffered() throws Exception {
        CountDownLatch engineStuck = new CountDownLatch(1);
        AtomicLong announced = new AtomicLong();
        try (FeedDispatcher feed = new FeedDispatcher(QUEUE, e -> { }, e -> {
                    try {
                        engineStuck.await();
                    } catch (InterruptedException x) {
                        Thread.currentThread().interrupt();
                    }
                    if (e.type() == ElementType.ANNOUNCE) announced.incrementAndGet();
                });
             BgpCollector collector = new BgpCollector(new CollectorConfig(
                     new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 65000,
                     IpAddress.parse("10.0.0.1").v4Address(), 0,
                     List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.10"), 64999, "flood", false))), feed)) {
            InetSocketAddress at = collector.start();
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.10"), 0));
            s.connect(at);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            byte[] caps = {2, 6, 65, 4, 0, 0, (byte) 0xfd, (byte) 0xe7};
            out.write(SessionCodec.open(64999, 0, IpAddress.parse("10.0.0.10").v4Address(), caps));
            out.write(SessionCodec.KEEPALIVE);
            out.flush();
            Thread.ofVirtual().start(() -> { // drain the collector's OPEN and KEEPALIVE
                try {
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (Exception ignored) {
                }
            });
            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < ROUTES; i += PER_UPDATE) {
                        out.write(update(i, PER_UPDATE));
                        written.addAndGet(PER_UPDATE);
                    }
                    out.flush();
                } catch (Exception ignored) {
                }
            });
            // wait until the writer makes no more progress: it is blocked by TCP, not finished
            long last = -1;
            while (written.get() != last) {
                last = written.get();
                Thread.sleep(500);
            }
            assertThat(writer.isAlive()).as("the flooding peer is blocked").isTrue();
            assertThat(written.get()).isLessThan(ROUTES);
            assertThat(feed.backlog()).isLessThanOrEqualTo(QUEUE);
            assertThat(announced.get()).isZero();

            engineStuck.countDown();
            writer.join();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (announced.get() < ROUTES && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(announced.get()).isEqualTo(ROUTES);
            s.close();
        }
    }

    /** An UPDATE of {@code count} /24s from 1.0.0.0 up, ORIGIN IGP, AS_PATH 64999, NEXT_HOP 192.0.2.10. */
    static byte[] update(int first, int count) {
        byte[] attrs = {0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, (byte) 0xfd, (byte) 0xe7, 0x40, 3, 4, (byte) 192, 0, 2, 10};
        byte[] body = new byte[4 + attrs.length + count * 4];
        body[3] = (byte) attrs.length;
        System.arraycopy(attrs, 0, body, 4, attrs.length);
        int p = 4 + attrs.length;
        for (int i = 0; i < count; i++) {
            int a = (first + i + (1 << 16)) << 8;
            body[p++] = 24;
            body[p++] = (byte) (a >>> 24);
            body[p++] = (byte) (a >>> 16);
            body[p++] = (byte) (a >>> 8);
        }
        return SessionCodec.message(2, body);
    }
}
