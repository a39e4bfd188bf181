package org.blackout.pipeline.source;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.blackout.core.engine.FeedEvent;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;

/**
 * Starts a live feed from a correct table: each selected collector's latest RIB and the archived
 * update files since are replayed into the pipeline first, then the live stream takes over, without
 * what the archive already applied. While the archive replays, live elements (of every source on the
 * feed, so the engine's time never goes back) are held; released, an element of a bootstrapped
 * collector older than the end of the last archived interval applied for it is dropped (the archive
 * had it), and a stretch between that end and the stream's first element is reported as a data gap.
 * RIS Live names collectors by host ({@code rrc21.ripe.net}); they are named as the archive names
 * them ({@code rrc21}) so a peer's table from the RIB and its live updates are one.
 */
public final class LiveBootstrap {
    /** Live elements held at most while bootstrapping; more are dropped and counted (a stream far ahead of the archive). */
    static final int HOLD_LIMIT = 5_000_000;

    private final ArchiveSelection selection;
    private final java.time.Clock clock;
    private final Object lock = new Object();
    private final List<Held> held = new ArrayList<>();
    private final Map<String, Long> cutoffMicros = new HashMap<>();
    private final Map<String, Long> firstLiveMicros = new HashMap<>();
    private volatile ElementSink next;
    private volatile boolean bootstrapped;
    private volatile Instant resumeFrom;
    private volatile Map<String, Instant> liveFrom = Map.of();
    private boolean live;
    private long dropped;
    private long overflow;

    private record Held(String collector, RouteElement e) {}

    /** {@code selection}'s collectors, archives, cache and downloads; its time range is set when {@link #run} runs. */
    public LiveBootstrap(ArchiveSelection selection) {
        this(selection, java.time.Clock.systemUTC());
    }

    /** As above, "now" (the archive's latest files, the live sources' clock) from {@code clock}: tests replaying a past day. */
    public LiveBootstrap(ArchiveSelection selection, java.time.Clock clock) {
        this.selection = selection;
        this.clock = clock;
    }

    /**
     * A restart: replay from the RIB at or before {@code from} (the last bin stored before the restart)
     * rather than the latest one, so the bins between it and now are computed again from the cache and
     * the archive; a {@code from} in the future or null means the latest RIB.
     */
    public LiveBootstrap resumingFrom(Instant from) {
        this.resumeFrom = from;
        return this;
    }

    /** Whether the archive's part is in the engine (live elements flow from then on). */
    public boolean bootstrapped() {
        return bootstrapped;
    }

    /** Per collector bootstrapped, the end of the archive applied (empty before {@link #run} ends). */
    public Map<String, Instant> liveFrom() {
        return liveFrom;
    }

    /** Per collector: {@code bootstrapping}, or {@code live from T} (the end of the archive applied). */
    public Map<String, String> status() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String c : selection.collectors()) {
            Instant t = liveFrom.get(c);
            out.put(c, !bootstrapped ? "bootstrapping" : t != null ? "live from " + t : "live (no archive file applied)");
        }
        return out;
    }

    /**
     * Detectors do not fire while the collectors bootstrap: events raised before the archive's part is
     * in are dropped with their later updates and lowering (the detectors still see the data).
     */
    public org.blackout.core.event.EventSink quiet(org.blackout.core.event.EventSink s) {
        java.util.Set<String> silenced = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new org.blackout.core.event.EventSink() {
            @Override
            public void raised(org.blackout.core.event.Event e) {
                if (!bootstrapped) silenced.add(e.id());
                else s.raised(e);
            }

            @Override
            public void updated(org.blackout.core.event.Event e) {
                if (!silenced.contains(e.id())) s.updated(e);
            }

            @Override
            public void lowered(org.blackout.core.event.Event e) {
                if (!silenced.contains(e.id())) s.lowered(e);
            }
        };
    }

    /** The clock the bootstrap and the live sources it starts go by. */
    public java.time.Clock clock() {
        return clock;
    }

    /** The collector names of the archive and the catalogue: {@code rrc21.ripe.net} → {@code rrc21}. */
    static String canonical(String collector) {
        String c = collector.toLowerCase(Locale.ROOT);
        return c.matches("rrc\\d{2}\\..*") ? c.substring(0, 5) : c;
    }

    /** The live feed's way into the engine: held while bootstrapping, then without what the archive applied. */
    public ElementSink gate(ElementSink next) {
        this.next = next;
        return (collector, e) -> {
            String c = canonical(collector);
            synchronized (lock) {
                if (!live) {
                    if (held.size() < HOLD_LIMIT) held.add(new Held(c, e));
                    else overflow++;
                    return;
                }
                if (!fresh(c, e)) return;
            }
            next.accept(c, e);
        };
    }

    private boolean fresh(String c, RouteElement e) {
        Long cut = cutoffMicros.get(c);
        if (cut != null && e.timeMicros() < cut) {
            dropped++;
            return false;
        }
        return true;
    }

    /**
     * Replays the archive up to {@code now} into the pipeline (the RIB at or before {@code now} and the
     * update files since), then releases the held live elements through {@code next}. Returns per
     * collector the time from which live data is used.
     */
    public Map<String, Instant> run(Pipeline pipeline, Instant now, PrintStream err) throws IOException {
        if (next == null) throw new IllegalStateException("gate() first: the live feed's sink is where held elements go");
        Instant start = resumeFrom != null && resumeFrom.isBefore(now) ? resumeFrom : now;
        if (start != now) err.println("bootstrap: resuming from " + start + " (the last stored bin), from the cache and the archive");
        ArchiveSelection sel = new ArchiveSelection(selection.collectors(), start, now.plusSeconds(1), selection.archives(),
                selection.broker(), selection.cache(), selection.jobs(), selection.offline(), selection.timeout(),
                selection.attempts(), selection.backoff());
        Map<String, Instant> covered;
        long t0 = System.nanoTime();
        try (ArchiveReplay archive = ArchiveReplay.start(sel, err)) {
            ReplayMerge merge = archive.merge(e -> {
                synchronized (pipeline) {
                    pipeline.feedEvent(e);
                }
            });
            merge.run((collector, e) -> {
                synchronized (pipeline) {
                    pipeline.accept(collector, e);
                }
            });
            covered = archive.coveredUntil();
            err.printf(Locale.ROOT, "bootstrap: %d elements from %s in %.1f s; %s%n", merge.elements(), sel.collectors(),
                    (System.nanoTime() - t0) / 1e9, archive.progress().summary());
        }
        synchronized (lock) {
            for (String c : sel.collectors()) {
                Instant until = covered.get(c);
                if (until != null) cutoffMicros.put(c, until.getEpochSecond() * 1_000_000L);
            }
            liveFrom = Map.copyOf(covered);
        }
        bootstrapped = true;
        // the held elements go in order, before anything newer: the gate holds until none is left
        while (true) {
            List<Held> release;
            synchronized (lock) {
                if (held.isEmpty()) {
                    live = true;
                    break;
                }
                release = List.copyOf(held);
                held.clear();
            }
            for (Held h : release) {
                boolean fresh;
                synchronized (lock) {
                    fresh = fresh(h.collector(), h.e());
                    if (fresh) firstLiveMicros.putIfAbsent(h.collector(), h.e().timeMicros());
                }
                if (fresh) next.accept(h.collector(), h.e());
            }
        }
        for (String c : sel.collectors()) {
            Long cut = cutoffMicros.get(c), first = firstLiveMicros.get(c);
            if (cut != null && first != null && first - cut > Duration.ofSeconds(60).toNanos() / 1000) {
                Instant from = Instant.ofEpochSecond(cut / 1_000_000), to = Instant.ofEpochSecond(first / 1_000_000);
                err.println("data gap: " + c + " " + from + "–" + to + ": between the archive's last file and the live stream");
                synchronized (pipeline) {
                    pipeline.feedEvent(new FeedEvent(from, FeedEvent.collectorWide(c), FeedEvent.Kind.DATA_GAP, 0,
                            "UPDATES " + from + "–" + to + ": between the archive's last file and the live stream"));
                }
            }
        }
        if (overflow > 0) err.println("bootstrap: " + overflow + " live elements beyond " + HOLD_LIMIT + " held were dropped");
        Map<String, Instant> out = new HashMap<>();
        cutoffMicros.forEach((c, m) -> out.put(c, Instant.ofEpochSecond(m / 1_000_000)));
        return out;
    }

    /** Live elements dropped because the archive had applied them. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }
}
