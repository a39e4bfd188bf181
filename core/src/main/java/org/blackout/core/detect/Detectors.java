package org.blackout.core.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Signal;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;

/**
 * Every detector behind one engine listener: outages, instability, upstream changes, hijacks and
 * feed health, each driven only by data time. Signals of a bin are read when the bin closes, in
 * the order the engine emitted them, so the same input always gives the same events.
 *
 * <p>Attach it beside other listeners with {@link #tee}.
 */
public final class Detectors implements EngineListener {
    /**
     * Churn's baseline is a high quantile, not the median: routine updates come in bursts (a
     * periodic refresh every third bin has a median of zero), and only churn above what the entity
     * routinely does is instability.
     */
    static final double CHURN_QUANTILE = 0.9;

    private final DetectorConfig config;
    private final EventSink sink;
    private final Set<String> watched = new HashSet<>();
    private final int historyBins;
    private final Map<String, EntityState> states = new HashMap<>();
    private EntityState[] byId = new EntityState[64];
    private final List<Signal> binSignals = new ArrayList<>();
    private final List<EntityState> touched = new ArrayList<>();
    private final OutageDetector outage;
    private final InstabilityDetector instability;
    private final UpstreamDetector upstream;
    private final HijackDetector hijack;
    private final FeedHealthDetector feed;
    private final LeakDetector leak;
    private final PathShiftDetector pathShift;
    private final EarlyOutage early;
    private boolean earlyRaise;
    private final int refreshBins;
    private final long binMicros;
    private long lastBinEnd = Long.MIN_VALUE;
    private boolean done;

    /**
     * @param binMicros the engine's bin length (baselines and warm-up are counted in bins)
     * @param watched   explicitly watched entities: hijacks are watched for their ASes and prefixes,
     *                  and single upstreams are flagged for them (and for every country)
     */
    public Detectors(DetectorConfig config, long binMicros, List<Entity> watched, EventSink sink) {
        this(config, binMicros, watched, false, OriginPolicy.NONE, sink);
    }

    /**
     * @param allPrefixes global hijack mode: every prefix with an origin history is watched
     * @param policy      the operator's prefix list, ROAs and AS relationships (hijacks, leaks)
     */
    public Detectors(DetectorConfig config, long binMicros, List<Entity> watched, boolean allPrefixes, OriginPolicy policy,
                     EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.binMicros = binMicros;
        for (Entity e : watched) this.watched.add(e.toString());
        long warmupBins = Math.max(1, micros(config.warmup()) / binMicros);
        this.historyBins = (int) Math.max(warmupBins, micros(config.history()) / binMicros);
        this.refreshBins = (int) Math.max(1, Duration.ofMinutes(30).toNanos() / 1000 / binMicros);
        this.outage = new OutageDetector(config, warmupBins, sink);
        this.early = new EarlyOutage(config, warmupBins, sink);
        this.instability = new InstabilityDetector(config, warmupBins, sink);
        this.upstream = new UpstreamDetector(config, warmupBins, sink);
        this.hijack = new HijackDetector(config, watched, allPrefixes, policy, sink);
        this.leak = new LeakDetector(config, policy, sink);
        // without relationships, the path-shift signature is the leak detector for watched entities
        this.pathShift = new PathShiftDetector(config, policy.hasRelationships() ? List.of() : watched, sink);
        this.feed = new FeedHealthDetector(sink);
    }

    /**
     * Live sources only: raise a provisional outage the moment every carrier has withdrawn every
     * prefix of an entity, before the bin closes ({@link EarlyOutage}). Off by default: a replay's
     * events stay those of the bins alone.
     */
    public Detectors earlyRaise(boolean on) {
        this.earlyRaise = on;
        return this;
    }

    @Override
    public void signal(Signal s) {
        binSignals.add(s);
    }

    @Override
    public void feedEvent(FeedEvent e) {
        feed.feedEvent(e);
    }

    @Override
    public void element(String collector, RouteElement e, RoutingView view) {
        if (hijack.active()) hijack.element(collector, e, view);
        if (leak.active()) leak.element(collector, e, view);
        if (e.type() != ElementType.ANNOUNCE && e.type() != ElementType.WITHDRAW) return;
        int p = view.prefixIdOf(e);
        if (p < 0) return;
        boolean withdrawal = e.type() == ElementType.WITHDRAW || (e.attributes() != null && e.attributes().treatAsWithdraw());
        elementCollector = collector;
        element = e;
        elementView = view;
        elementPrefix = p;
        elementWithdrawal = withdrawal;
        view.entities().forEachEntity(p, perEntity);
        element = null;
        elementView = null;
    }

    // The element being handed to each of its prefix's entities: fields, not a capturing lambda, which
    // was allocated for every element (a tenth of the engine thread's allocation on a real day, JFR).
    private String elementCollector;
    private RouteElement element;
    private RoutingView elementView;
    private int elementPrefix;
    private boolean elementWithdrawal;
    private final java.util.function.IntConsumer perEntity = this::entityElement;

    private void entityElement(int id) {
        String collector = elementCollector;
        RouteElement e = element;
        RoutingView view = elementView;
        EntityState st = state(id, view);
        if (st.evidence == null) st.evidence = new EvidenceRing(config.evidence());
        st.evidence.add(collector, e);
        if (st.binFirstWithdrawal == Long.MAX_VALUE && st.binAnnouncements.isEmpty()) touched.add(st);
        if (elementWithdrawal) {
            st.binFirstWithdrawal = Math.min(st.binFirstWithdrawal, e.timeMicros());
            // a run of withdrawals starts after a bin without any: where a gradual loss began
            long bin = Math.floorDiv(e.timeMicros(), binMicros) * binMicros;
            if (st.lastWithdrawalBin < bin - binMicros) st.withdrawalRunStart = e.timeMicros();
            st.lastWithdrawalBin = bin;
            if (earlyRaise) early.withdrawn(st, id, elementPrefix, e.timeMicros(), view);
        }
        else if (st.binAnnouncements.size() < 4096) st.binAnnouncements.add(e.timeMicros());
    }

    @Override
    public void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {
        Bin bin = new Bin(binStartMicros, binEndMicros, view);
        for (Signal s : binSignals) {
            EntityState st = state(s.entity());
            st.bins++;
            st.lastKnownPrefixes = s.knownPrefixes();
            refreshBaselines(st, s);
            outage.step(st, s, bin, this);
            instability.step(st, s, bin);
            upstream.step(st, s, bin);
            st.outageThisBin = false;
        }
        hijack.binClosed(bin);
        if (leak.active()) leak.binClosed(bin);
        if (pathShift.active()) pathShift.binClosed(bin);
        for (EntityState st : touched) st.resetBin();
        touched.clear();
        binSignals.clear();
        lastBinEnd = binEndMicros;
    }

    /**
     * Watched entities that could not be judged for outages at the end of the data: no active peer
     * carried any of their prefixes (no routes for them in the data, or only from peers now gone).
     * Their signals say so (coverage 0); callers tell the user once.
     */
    public List<String> unjudged() {
        List<String> out = new ArrayList<>();
        for (EntityState st : states.values()) if (st.watched && st.lastKnownPrefixes == 0) out.add(st.entity);
        out.sort(null);
        return out;
    }

    /** The engine's end of data: {@link #finish}. */
    @Override
    public void finished() {
        finish();
    }

    /**
     * Brings open events' durations up to the end of the data (they stay open: lowered is null).
     * Once: the engine calls it through {@link #finished}, and callers driving the engine by hand may too.
     */
    public void finish() {
        if (lastBinEnd == Long.MIN_VALUE || done) return;
        done = true;
        Instant end = Bin.instant(lastBinEnd);
        List<EntityState> sorted = new ArrayList<>(states.values());
        sorted.sort((a, b) -> a.entity.compareTo(b.entity));
        for (EntityState st : sorted) {
            for (OpenEvent o : new OpenEvent[] {st.outage, st.early, st.instability, st.singleUpstream}) {
                if (o == null) continue;
                o.seenUntil = end;
                sink.updated(o.snapshot());
            }
            for (OpenEvent o : st.lost.values()) {
                o.seenUntil = end;
                sink.updated(o.snapshot());
            }
        }
        hijack.finish(end);
        leak.finish(end);
        pathShift.finish(end);
        feed.finish(end);
    }

    boolean recentInstability(EntityState st, Bin bin) {
        if (st.instability != null) return true;
        return st.lastInstabilityLowered != null
                && !st.lastInstabilityLowered.plus(config.instabilityLookback()).isBefore(bin.start());
    }

    boolean recentUpstreamLoss(EntityState st, Bin bin) {
        return !st.lost.isEmpty() || (st.lastUpstreamLost != null
                && !st.lastUpstreamLost.plus(Duration.ofHours(1)).isBefore(bin.start()));
    }

    /** Medians are refreshed every half hour, and every bin while anything looks unusual. */
    private void refreshBaselines(EntityState st, Signal s) {
        boolean unusual = st.downBins > 0 || st.outage != null || st.instability != null
                || Double.isNaN(st.visibleBaseline) || s.visibleSlash24() < config.outageLower() * st.visibleBaseline
                || s.announcements() + s.withdrawals() >= config.instabilityMinChurn();
        if (!unusual && ++st.baselineAge < refreshBins) return;
        st.baselineAge = 0;
        double v = st.visible.median();
        if (!Double.isNaN(v)) st.visibleBaseline = v;
        double c = st.churn.quantile(CHURN_QUANTILE);
        if (!Double.isNaN(c)) st.churnBaseline = c;
    }

    private EntityState state(String entity) {
        return states.computeIfAbsent(entity, k -> new EntityState(k, watched.contains(k), historyBins));
    }

    private EntityState state(int id, RoutingView view) {
        if (id >= byId.length) byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        EntityState st = byId[id];
        if (st == null) byId[id] = st = state(view.entities().get(id).toString());
        return st;
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
