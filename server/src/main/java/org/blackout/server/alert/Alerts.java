package org.blackout.server.alert;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink.Phase;
import org.blackout.core.event.Hint;
import org.blackout.pipeline.config.AlertConfig;
import org.blackout.pipeline.config.AlertConfig.Destination;
import org.blackout.server.metrics.Metrics;
import org.blackout.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns event snapshots into alerts: one when raised, updates while it deepens at most every
 * {@code update_interval} (data time), one when lowered ("restored after 9 h 31 min"). Each
 * destination delivers on its own executor and retries with exponential backoff, so a dead
 * destination neither blocks the engine nor delays the others. Delivered keys are stored: a
 * replay after a restart announces nothing twice.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final AlertConfig config;
    private final Store store;
    private final Metrics metrics;
    private final List<Target> targets = new ArrayList<>();
    private final Map<String, Deepening> deepening = new HashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;
    /** First retry delay; tests shorten it. */
    private final Duration backoff;
    private final int attempts;

    private record Target(Destination destination, Deliverer deliverer, ScheduledExecutorService executor) {}

    private record Deepening(double depth, long lastAlert, int updates, boolean provisional) {}

    public Alerts(AlertConfig config, Store store, Metrics metrics) {
        this(config, store, metrics, Duration.ofSeconds(2), 8);
    }

    public Alerts(AlertConfig config, Store store, Metrics metrics, Duration backoff, int attempts) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.backoff = backoff;
        this.attempts = attempts;
        for (Destination d : config.destinations()) {
            ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("alert-" + d.name()).daemon(true).factory());
            targets.add(new Target(d, Deliverers.of(d), ex));
        }
        if (metrics != null) metrics.queue("alerts", pending::get);
    }

    /** Alerts still waiting for delivery (all destinations). */
    public int pending() {
        return pending.get();
    }

    /** After the event is stored (a store writer thread; replay and live have one each): never blocks on delivery. */
    public synchronized void onEvent(Phase phase, Event e) {
        if (targets.isEmpty()) return;
        Alert a = switch (phase) {
            case RAISED -> {
                deepening.put(e.id(), new Deepening(e.depth(), e.raised().getEpochSecond(), 0, e.has(Hint.PROVISIONAL)));
                yield new Alert(e.id() + "|raised", "raised", e, e.type().json() + " " + e.entity() + " raised at "
                        + Alert.minute(e.raised()) + ": " + e.summary());
            }
            case UPDATED -> {
                Deepening d = deepening.get(e.id());
                if (d == null || !e.open()) yield null;
                long now = e.raised().getEpochSecond() + e.durationS();
                if (d.provisional && !e.has(Hint.PROVISIONAL)) { // an early raise the bins confirmed
                    deepening.put(e.id(), new Deepening(e.depth(), now, d.updates, false));
                    yield new Alert(e.id() + "|confirmed", "updated", e, e.type().json() + " " + e.entity()
                            + " confirmed by the bins: " + e.summary());
                }
                long since = now - d.lastAlert;
                if (e.depth() <= d.depth + 1e-9 || since < config.updateInterval().toSeconds()) yield null;
                deepening.put(e.id(), new Deepening(e.depth(), now, d.updates + 1, false));
                yield new Alert(e.id() + "|updated|" + (d.updates + 1), "updated", e, e.type().json() + " " + e.entity()
                        + " deepening, " + Math.round(e.depth() * 100) + "% lost: " + e.summary());
            }
            case LOWERED -> {
                deepening.remove(e.id());
                yield new Alert(e.id() + "|lowered", "lowered", e, restoredText(e));
            }
        };
        if (a == null) return;
        for (Target t : targets) {
            if (!t.destination.wants(e.type().json(), e.entity())) continue;
            String key = t.destination.name() + "|" + a.key();
            try {
                if (store.delivered(key)) continue;
            } catch (SQLException ex) {
                LOG.warn("alert dedup lookup failed ({}); sending anyway", ex.getMessage());
            }
            pending.incrementAndGet();
            t.executor.execute(() -> attempt(t, a, key, 1));
        }
    }

    static String restoredText(Event e) {
        if (e.has(Hint.RETRACTED)) {
            return e.type().json() + " " + e.entity() + " retracted (raised at " + Alert.minute(e.raised()) + "): " + e.summary();
        }
        String what = e.type().json().equals("outage") ? "restored" : "ended";
        return e.type().json() + " " + e.entity() + " " + what + " after " + Alert.duration(e.durationS())
                + " (" + Alert.minute(e.firstEvidence()) + " → " + Alert.minute(e.lowered()) + ")";
    }

    private void attempt(Target t, Alert a, String key, int n) {
        if (closed) {
            pending.decrementAndGet();
            return;
        }
        try {
            t.deliverer.deliver(a);
            store.markDelivered(key, System.currentTimeMillis() / 1000);
            if (metrics != null) metrics.alert(t.destination.name(), true);
            pending.decrementAndGet();
        } catch (Exception ex) {
            if (metrics != null) metrics.alert(t.destination.name(), false);
            if (n >= attempts) {
                LOG.error("alert {} to {} dropped after {} attempts: {}", a.key(), t.destination.name(), n, ex.toString());
                pending.decrementAndGet();
                return;
            }
            long delay = Math.min(backoff.toMillis() << Math.min(n - 1, 16), Duration.ofMinutes(10).toMillis());
            if (n == 1) LOG.warn("alert {} to {} failed ({}); retrying with backoff", a.key(), t.destination.name(), ex.toString());
            else LOG.debug("alert {} to {} failed ({}); retry {} in {} ms", a.key(), t.destination.name(), ex.toString(), n + 1, delay);
            t.executor.schedule(() -> attempt(t, a, key, n + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until nothing is pending or the timeout passes; true when all went out. */
    public boolean drain(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < end) Thread.sleep(20);
        return pending.get() == 0;
    }

    @Override
    public void close() {
        closed = true;
        for (Target t : targets) t.executor.shutdownNow();
    }
}
