package org.blackout.ingest.bgp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;

/**
 * Serialises the events of all live sessions onto one thread that feeds the archive and the engine
 * (neither is thread-safe, and both want one global order). The queue is bounded: when the engine
 * is behind, {@link #accept} blocks the session's reader, which stops reading its socket, so TCP
 * flow control slows the peer down. Nothing is buffered without bound.
 */
public final class FeedDispatcher implements FeedSink, AutoCloseable {
    private static final FeedEvent STOP = new FeedEvent.StateChange(null, 0, 0, 0, java.util.List.of());

    private final BlockingQueue<FeedEvent> queue;
    private final Consumer<FeedEvent> archive;
    private final ElementSink engine;
    private final Thread thread;
    private volatile Throwable failure;

    /**
     * @param capacity events in flight (each at most one 4 KiB UPDATE and its elements)
     * @param archive  sees every event first (may be a no-op)
     * @param engine   then gets the event's elements in order
     */
    public FeedDispatcher(int capacity, Consumer<FeedEvent> archive, Consumer<RouteElement> engine) {
        this(capacity, archive, ElementSink.of(engine));
    }

    /** As above, with the collector name of each element's source (see {@link BgpPeer#collector()}). */
    public FeedDispatcher(int capacity, Consumer<FeedEvent> archive, ElementSink engine) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.archive = archive;
        this.engine = engine;
        this.thread = Thread.ofPlatform().name("blackout-feed").daemon().start(this::drain);
    }

    @Override
    public void accept(FeedEvent e) throws InterruptedException {
        if (failure != null) throw new IllegalStateException("feed consumer failed", failure);
        queue.put(e);
    }

    /** Events waiting; for tests and metrics. */
    public int backlog() {
        return queue.size();
    }

    private void drain() {
        try {
            while (true) {
                FeedEvent e = queue.take();
                if (e == STOP) return;
                archive.accept(e);
                String collector = e.peer().collector();
                for (RouteElement r : e.elements()) engine.accept(collector, r);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            System.getLogger("blackout.feed").log(System.Logger.Level.ERROR, "feed consumer failed", t);
            queue.clear(); // unblock producers; they will see the failure on their next put
        }
    }

    /** Drains what is queued, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            while (!queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) return;
            }
        }
        thread.join();
    }
}
