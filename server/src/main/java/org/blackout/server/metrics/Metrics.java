package org.blackout.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Blackout's Prometheus metrics. Counters are totals (rates come from {@code rate()}):
 * messages and routes per source, alert deliveries and failures; gauges for peers up, engine lag
 * behind data time, open events and queue depths.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> perSource = new ConcurrentHashMap<>();
    private final AtomicLong lastDataTime = new AtomicLong(); // epoch seconds of the newest element seen
    private final AtomicLong peersUp = new AtomicLong();
    private final AtomicLong fullFeedPeers = new AtomicLong();
    private final Map<String, AtomicLong> openEvents = new ConcurrentHashMap<>();

    public Metrics() {
        Gauge.builder("blackout_engine_lag_seconds", this, m -> {
            long t = m.lastDataTime.get();
            return t == 0 ? Double.NaN : System.currentTimeMillis() / 1000.0 - t;
        }).description("wall clock minus the data time of the newest element the engine processed").register(registry);
        Gauge.builder("blackout_engine_data_time_seconds", lastDataTime, AtomicLong::get)
                .description("data time of the newest element processed (epoch seconds)").register(registry);
        Gauge.builder("blackout_peers_up", peersUp, AtomicLong::get).description("collector peers with an established, non-stale feed").register(registry);
        Gauge.builder("blackout_full_feed_peers", fullFeedPeers, AtomicLong::get).description("full-feed peers").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One route element from {@code source}; {@code newMessage} when it starts a new UPDATE or RIB record. */
    public void element(String source, boolean newMessage) {
        Counter[] c = perSource.get(source);
        if (c == null) {
            c = perSource.computeIfAbsent(source, k -> new Counter[] {
                counter("blackout.routes", "source", k, "route elements (prefixes announced, withdrawn or dumped) received"),
                counter("blackout.messages", "source", k, "BGP messages and RIB records received")});
        }
        c[0].increment();
        if (newMessage) c[1].increment();
    }

    public void dataTime(long epochSeconds) {
        lastDataTime.accumulateAndGet(epochSeconds, Math::max);
    }

    public void peers(int up, int fullFeed) {
        peersUp.set(up);
        fullFeedPeers.set(fullFeed);
    }

    public void eventOpened(String type) {
        open(type).incrementAndGet();
    }

    public void eventClosed(String type) {
        open(type).updateAndGet(v -> Math.max(0, v - 1));
    }

    private AtomicLong open(String type) {
        return openEvents.computeIfAbsent(type, t -> {
            AtomicLong a = new AtomicLong();
            Gauge.builder("blackout_events_open", a, AtomicLong::get).tag("type", t).description("events currently open").register(registry);
            return a;
        });
    }

    public void queue(String name, Supplier<Number> depth) {
        // strong reference: the registry otherwise holds gauges weakly and a lambda is collected at once (NaN)
        Gauge.builder("blackout_queue_depth", depth, s -> s.get().doubleValue()).strongReference(true).tag("queue", name)
                .description("items waiting in an internal queue").register(registry);
    }

    public void alert(String destination, boolean ok) {
        counter(ok ? "blackout.alert.deliveries" : "blackout.alert.failures", "destination", destination,
                ok ? "alerts delivered" : "alert delivery attempts that failed").increment();
    }

    private Counter counter(String name, String tag, String value, String help) {
        return counters.computeIfAbsent(name + '|' + value,
                k -> Counter.builder(name).tag(tag, value).description(help).register(registry));
    }

    /** BMP connections refused by the station's allow list (a counter that reads {@code refused}). */
    public void bmpRefused(Supplier<Number> refused) {
        bmpRefused = refused; // strong reference, as for queue gauges
        io.micrometer.core.instrument.FunctionCounter.builder("blackout.bmp.refused", this,
                        m -> m.bmpRefused.get().doubleValue())
                .description("BMP connections refused: router address not in bmp.allow").register(registry);
    }

    private volatile Supplier<Number> bmpRefused = () -> 0;

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
