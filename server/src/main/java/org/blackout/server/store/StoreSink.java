package org.blackout.server.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Signal;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Rows.FeedEventRow;
import org.blackout.server.store.Rows.PeerRow;

/**
 * The engine's output into the store. Collects each bin's signals and feed events on the engine
 * thread and hands them to one writer thread in batches (several bins at once when replay runs
 * ahead), through a bounded queue: storage slows the engine down rather than grow memory.
 *
 * <p>Resume: bins ending at or before {@code resumeAfter} (seconds) are already stored and are not
 * written again; events are upserted by id, so replaying them is harmless. After every batch the
 * checkpoint (source, last bin end) is written, after the rows: a crash between the two leaves
 * rows past the checkpoint, which {@link #prepareResume} deletes.
 *
 * <p>A store that cannot write (disk full, read-only, database down): each batch is one transaction,
 * so a failed write leaves nothing of it visible; the writer keeps that batch and retries it with a
 * growing delay ({@link Retry}) while the queue fills and then holds the engine back (a live source
 * stops reading, a replay waits), and resumes where it was when a write succeeds. Past
 * {@link Retry#giveUpAfter} of failures, or when closed while failing, it stops cleanly: what was
 * not written is dropped, the checkpoint still matches the rows, and the engine's next hand-over
 * fails with the store's error.
 */
public final class StoreSink implements EngineListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("blackout.store");

    /** How a failing store is retried: first delay, doubling up to {@code max}, giving up after {@code giveUpAfter}. */
    public record Retry(java.time.Duration first, java.time.Duration max, java.time.Duration giveUpAfter) {
        public static final Retry DEFAULT = new Retry(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(15));
    }

    private static final Batch POISON = new Batch(0, 0, List.of(), List.of(), List.of(), List.of(), List.of());

    private final Store store;
    private final String source;
    private final long resumeAfter;
    private final EntityMaps maps;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(256);
    private final Thread thread;
    private final Set<String> knownEntities = new HashSet<>();
    private final java.util.Map<PeerKey, String[]> peerState = new java.util.HashMap<>();
    private volatile Throwable failure;
    private final Retry retry;
    private volatile boolean closing;
    /** The store's current error while writes fail and are retried, else null. */
    private volatile String failing;
    private final java.util.concurrent.atomic.AtomicLong failedWrites = new java.util.concurrent.atomic.AtomicLong();
    private volatile long writtenBinEnd;
    private long lastPrune = Long.MIN_VALUE;
    private Consumer<Long> afterBatch = t -> {};

    private List<StoredSignal> signals = new ArrayList<>();
    private List<FeedEventRow> feeds = new ArrayList<>();
    private List<EventRow> events = new ArrayList<>();
    private List<Runnable> afterCommit = new ArrayList<>();

    public StoreSink(Store store, String source, long resumeAfter, EntityMaps maps) {
        this(store, source, resumeAfter, maps, Retry.DEFAULT);
    }

    public StoreSink(Store store, String source, long resumeAfter, EntityMaps maps, Retry retry) {
        this.store = store;
        this.retry = retry;
        this.source = source;
        this.resumeAfter = resumeAfter;
        this.maps = maps;
        this.writtenBinEnd = resumeAfter;
        this.thread = Thread.ofPlatform().name("store-writer").daemon(true).start(this::writeLoop);
    }

    /**
     * Reads the checkpoint of {@code source} and deletes whatever was written after it; returns
     * the bin end (epoch seconds) up to which data is stored, or {@link Long#MIN_VALUE}.
     */
    public static long prepareResume(Store store, String source) throws SQLException {
        var cp = store.checkpoint(source);
        if (cp.isEmpty()) {
            store.truncateFrom(Long.MIN_VALUE);
            return Long.MIN_VALUE;
        }
        store.truncateFrom(cp.get().binEnd());
        return cp.get().binEnd();
    }

    /** Called on the writer thread after each batch with the last stored bin end (metrics, alerts). */
    public void afterBatch(Consumer<Long> c) {
        afterBatch = c;
    }

    public int queueDepth() {
        return queue.size();
    }

    /** The store's error while writes are failing and being retried; null when writing works. */
    public String failing() {
        return failing;
    }

    /** Write attempts that failed so far. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Bin end (epoch seconds) of the last batch written. */
    public long writtenBinEnd() {
        return writtenBinEnd;
    }

    @Override
    public void signal(Signal s) {
        signals.add(StoredSignal.of(s));
    }

    @Override
    public void feedEvent(FeedEvent e) {
        PeerKey p = e.peer();
        feeds.add(new FeedEventRow(e.time().getEpochSecond(), p.collector(), p.address().toString(), p.asn(), e.kind().name(),
                e.routes()));
        peerState.put(p, new String[] {e.kind().name(), Long.toString(e.time().getEpochSecond())});
    }

    /** Hands events recorded after the last bin (end of data) to the writer. */
    public void flushEvents() {
        if (events.isEmpty()) return;
        List<EventRow> ev = events;
        events = new ArrayList<>();
        put(new Batch(0, -1, List.of(), List.of(), List.of(), List.of(), ev, null, takeAfterCommit()));
    }

    /** An event to store with the current bin (from detectors, on the engine thread). */
    public void event(EventRow e) {
        event(e, null);
    }

    /**
     * An event to store with the current bin, and what to do once it is stored (alerts): run on the
     * writer thread after the batch commits, in order, never if the batch is not stored, so that no
     * alert announces an event a crash then loses.
     */
    public void event(EventRow e, Runnable afterStored) {
        events.add(e);
        if (afterStored != null) afterCommit.add(afterStored);
    }

    private List<Runnable> takeAfterCommit() {
        if (afterCommit.isEmpty()) return List.of();
        List<Runnable> r = afterCommit;
        afterCommit = new ArrayList<>();
        return r;
    }

    @Override
    public void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {
        long end = Math.floorDiv(binEndMicros, 1_000_000L);
        if (end <= resumeAfter) { // already stored before the restart: only events are re-upserted
            List<EventRow> ev = events;
            signals = new ArrayList<>();
            feeds = new ArrayList<>();
            events = new ArrayList<>();
            if (!ev.isEmpty()) put(new Batch(Math.floorDiv(binStartMicros, 1_000_000L), -1, List.of(), List.of(), List.of(), List.of(), ev,
                    null, takeAfterCommit()));
            return;
        }
        List<EntityRow> fresh = new ArrayList<>();
        for (StoredSignal s : signals) {
            if (knownEntities.add(s.entity())) fresh.add(describe(s.entity()));
        }
        put(new Batch(Math.floorDiv(binStartMicros, 1_000_000L), end, signals, feeds, peers(view.routing(), end), fresh, events,
                null, takeAfterCommit()));
        signals = new ArrayList<>();
        feeds = new ArrayList<>();
        events = new ArrayList<>();
    }

    private List<PeerRow> peers(RoutingState r, long now) {
        List<PeerRow> out = new ArrayList<>(r.peerCount());
        for (int p = 0; p < r.peerCount(); p++) {
            PeerKey k = r.peerKey(p);
            String[] st = peerState.get(k);
            long routes = r.rib(p).size();
            String state = r.isStale(p) ? "stale" : routes == 0 && st != null && st[0].equals("SESSION_DOWN") ? "down" : "up";
            out.add(new PeerRow(k.collector(), k.address().toString(), k.asn(), routes, r.isFullFeed(p), r.isStale(p), state,
                    st == null ? 0 : Long.parseLong(st[1]), now));
        }
        return out;
    }

    private EntityRow describe(String entity) {
        int c = entity.indexOf(':');
        String kind = entity.substring(0, c);
        String v = entity.substring(c + 1);
        String name = switch (kind) {
            case "country" -> Locale.of("", v).getDisplayCountry(Locale.ENGLISH);
            case "as" -> {
                String n = maps.asName(Long.parseLong(v));
                yield n == null ? "" : n;
            }
            default -> "";
        };
        return new EntityRow(entity, kind, name == null ? "" : name);
    }

    private void put(Batch b) {
        check();
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing", e);
        }
    }

    private void check() {
        if (failure != null) throw new IllegalStateException("storage failed: " + failure.getMessage(), failure);
    }

    /** Waits until everything handed over is written; rethrows a storage failure. */
    public void flush() {
        check();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        put(new Batch(0, -1, List.of(), List.of(), List.of(), List.of(), List.of(), done, List.of()));
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }

    private void writeLoop() {
        List<Batch> batches = new ArrayList<>();
        try {
            while (true) {
                Batch first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batches.clear();
                batches.add(first);
                queue.drainTo(batches);
                boolean stop = false;
                List<StoredSignal> sig = new ArrayList<>();
                List<FeedEventRow> fe = new ArrayList<>();
                List<EntityRow> ent = new ArrayList<>();
                List<PeerRow> peers = null;
                long end = -1, start = 0;
                for (Batch b : batches) {
                    if (b == POISON) {
                        stop = true;
                        break;
                    }
                    sig.addAll(b.signals);
                    fe.addAll(b.feeds);
                    ent.addAll(b.entities);
                    if (!b.peers.isEmpty()) peers = b.peers;
                    if (b.binEnd > end) {
                        end = b.binEnd;
                        start = b.binStart;
                    }
                }
                List<EventRow> ev = new ArrayList<>();
                for (Batch b : batches) if (b != POISON) ev.addAll(b.events);
                write(ent, sig, fe, peers, ev, end > 0 ? new Rows.Checkpoint(source, end, "bin_end=" + end) : null);
                for (Batch b : batches) {
                    for (Runnable r : b.afterCommit) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.ERROR, "after storing an event", e);
                        }
                    }
                }
                if (end > 0) {
                    writtenBinEnd = end;
                    prune(end);
                    afterBatch.accept(end);
                }
                for (Batch b : batches) if (b.done != null) b.done.countDown();
                if (stop) return;
            }
        } catch (InterruptedException e) {
            failure = new IllegalStateException("store writer stopped");
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    /** Writes one batch, retrying while the store fails (see the class comment); throws once it gives up. */
    private void write(List<EntityRow> ent, List<StoredSignal> sig, List<FeedEventRow> fe, List<PeerRow> peers,
                       List<EventRow> ev, Rows.Checkpoint cp) throws SQLException, InterruptedException {
        long firstFailure = 0, delay = retry.first().toMillis();
        while (true) {
            try {
                store.writeBatch(ent, sig, fe, peers, ev, cp);
                if (failing != null) {
                    LOG.log(System.Logger.Level.INFO, "store {0}: writing again after {1} s of failures",
                            store.describe(), Long.toString((System.nanoTime() - firstFailure) / 1_000_000_000L));
                    failing = null;
                }
                return;
            } catch (SQLException e) {
                failedWrites.incrementAndGet();
                long now = System.nanoTime();
                if (firstFailure == 0) firstFailure = now;
                failing = e.getMessage();
                boolean giveUp = closing || now - firstFailure >= retry.giveUpAfter().toNanos();
                LOG.log(giveUp ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                        "store {0}: cannot write bins up to {1} ({2}); {3}", store.describe(),
                        cp == null ? "-" : java.time.Instant.ofEpochSecond(cp.binEnd()).toString(), e.getMessage(),
                        giveUp ? "giving up: nothing of this batch is stored, the checkpoint is the last batch written"
                                : "retrying in " + delay + " ms; " + queue.size() + " bins wait (at most "
                                        + (queue.size() + queue.remainingCapacity()) + ", then ingest waits)");
                if (giveUp) throw new SQLException("the store cannot write (" + e.getMessage() + "); gave up after "
                        + failedWrites.get() + " attempts", e);
                for (long slept = 0; slept < delay && !closing; slept += 50) Thread.sleep(50);
                delay = Math.min(retry.max().toMillis(), delay * 2);
            }
        }
    }

    private void prune(long newest) throws SQLException {
        var retention = store.retention();
        if (retention == null) return;
        if (lastPrune != Long.MIN_VALUE && newest - lastPrune < 3600) return;
        lastPrune = newest;
        store.prune(newest - retention.toSeconds());
    }

    /** Stops writing at once, dropping what is queued: what a crash does (tests, shutdown mid-run). */
    public void abandon() {
        queue.clear();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true; // a failing store is not retried for long at shutdown
        try {
            while (!queue.offer(POISON, 100, TimeUnit.MILLISECONDS)) check();
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
    }

    private record Batch(long binStart, long binEnd, List<StoredSignal> signals, List<FeedEventRow> feeds, List<PeerRow> peers,
                         List<EntityRow> entities, List<EventRow> events, java.util.concurrent.CountDownLatch done,
                         List<Runnable> afterCommit) {
        Batch(long binStart, long binEnd, List<StoredSignal> signals, List<FeedEventRow> feeds, List<PeerRow> peers,
              List<EntityRow> entities, List<EventRow> events) {
            this(binStart, binEnd, signals, feeds, peers, entities, events, null, List.of());
        }
    }
}
