package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.BmpStreamReader;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.ElementType;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/**
 * A sink that stops consuming makes the listener stop reading from the router (autoRead off) instead
 * of queueing; once it consumes again, every route arrives, none lost.
 */
class BmpListenerBackpressureTest {
    @Test
    void aStalledSinkPausesTheRouterAndLosesNothing() throws Exception {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        byte[] one = BmpCaptures.all().stream().filter(x -> x.name().startsWith("pmacct-test-automation/201-"))
                .findFirst().orElseThrow().streams().getFirst().payload();
        long routesPerCopy = routes(one);
        int copies = 100; // ~4 MB: more than the consumer's queue by far
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong routes = new AtomicLong();
        RecordingEvents events = new RecordingEvents();
        ElementSink stalling = (collector, e) -> {
            try {
                release.await();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            if (e.type() == ElementType.ANNOUNCE || e.type() == ElementType.WITHDRAW) routes.incrementAndGet();
        };
        try (BmpListener listener = new BmpListener(stalling, events, 16)) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            CountDownLatch allRead = new CountDownLatch(1);
            Thread sender = Thread.ofPlatform().start(() -> {
                // the connection stays open until everything arrived: resuming must not wait for more bytes
                try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < copies; i++) out.write(one);
                    out.flush();
                    allRead.await();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a guard, not a timing assertion
            while (listener.pauses() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(listener.pauses()).as("times the router was paused while the sink stalled").isPositive();
            assertThat(routes.get()).isZero();
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // a guard
            while (routes.get() < copies * routesPerCopy && System.nanoTime() < until) Thread.sleep(10);
            assertThat(routes.get()).as("routes delivered while the router is still connected")
                    .isEqualTo(copies * routesPerCopy);
            allRead.countDown();
            sender.join(TimeUnit.SECONDS.toMillis(120));
            events.awaitDisconnects(1);
        }
        assertThat(routes.get()).isEqualTo(copies * routesPerCopy);
        assertThat(events.damage).isEmpty();
    }

    private static long routes(byte[] stream) {
        long[] n = {0};
        BmpStreamReader.read(Unpooled.wrappedBuffer(stream), new BmpSession(), new BmpStreamReader.Visitor() {
            @Override
            public void message(long offset, BmpMessage m) {
                BmpRouteElements.accept(m, 1, e -> {
                    if (e.type() == ElementType.ANNOUNCE || e.type() == ElementType.WITHDRAW) n[0]++;
                });
            }

            @Override
            public void error(long offset, DecodeException e) {
                throw new AssertionError(e);
            }
        });
        return n[0];
    }
}
