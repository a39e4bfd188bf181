package org.blackout.ingest.bmp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs deliveries (sink and event calls; a router's handler hands over what one read decoded as
 * one delivery) on one thread, in submission order, through a bounded queue. When the queue is half full the submitting connection stops reading its socket
 * (autoRead off), so TCP flow control slows that router; it reads again once the queue is down
 * to a quarter. The frame decoder decodes one message at a time and stops while its connection is
 * paused, so each connection overshoots the mark by at most one message; should the queue still
 * fill up, the event loop blocks rather than the queue grow.
 */
final class Delivery implements AutoCloseable {
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue;
    private final int high, low;
    private final Set<Channel> paused = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile long pauses;

    Delivery(int capacity) {
        if (capacity < 16) throw new IllegalArgumentException("queue capacity " + capacity + " < 16");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.high = capacity / 2;
        this.low = capacity / 4;
        this.thread = Thread.ofPlatform().name("blackout-bmp-delivery").daemon(true).start(this::drain);
    }

    /** Called on {@code channel}'s event loop. */
    void submit(Channel channel, Runnable r) {
        if (queue.size() >= high && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            paused.add(channel);
            pauses++;
        }
        try {
            queue.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Times a connection was paused because the consumer was behind. */
    long pauses() {
        return pauses;
    }

    private void drain() {
        while (true) {
            Runnable r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r == STOP) return;
            try {
                r.run();
            } catch (RuntimeException e) {
                // a consumer bug must not stop every router's feed; say so and go on
                System.err.println("bmp: consumer failed: " + e);
            }
            if (!paused.isEmpty() && queue.size() <= low) resume();
        }
    }

    private void resume() {
        for (Channel ch : paused) {
            paused.remove(ch);
            ch.eventLoop().execute(() -> {
                ch.config().setAutoRead(true);
                // messages read before the pause wait undecoded in the frame decoder: let it go on
                ch.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER).fireChannelReadComplete();
            });
        }
    }

    /** Delivers what is queued (waiting at most {@code timeoutMillis}), then stops. */
    void close(long timeoutMillis) throws InterruptedException {
        if (!queue.offer(STOP, timeoutMillis, TimeUnit.MILLISECONDS)) thread.interrupt();
        thread.join(timeoutMillis);
        if (thread.isAlive()) thread.interrupt();
    }

    @Override
    public void close() throws InterruptedException {
        close(10_000);
    }
}
