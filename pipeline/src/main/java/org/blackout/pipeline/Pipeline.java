package org.blackout.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventSink;
import org.blackout.core.policy.Policies;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;

/**
 * Blackout's one pipeline: sources → engine → detectors → sinks, assembled from one
 * {@link PipelineSettings}. The only main-code place an {@link Engine} and its {@link Detectors}
 * are built. Signal sinks are {@link EngineListener}s, event sinks {@link EventSink}s; the
 * detectors run when at least one event sink is attached.
 *
 * <p>Single-threaded like the engine: live sources take turns through {@code source.LiveSources}.
 * {@link #finish} ends the data: the engine closes its last bin, then every listener hears
 * {@link EngineListener#finished} (the detectors bring open events up to the end of the data).
 */
public final class Pipeline implements ElementSink {
    private final PipelineSettings settings;
    private final EntityMaps maps;
    private final Watch watch;
    private final Engine engine;
    private final boolean detecting;
    private final Detectors detectors;

    private Pipeline(Builder b, EntityMaps maps) {
        this.settings = b.settings;
        this.maps = maps;
        this.watch = b.watch != null ? b.watch : settings.watch(maps);
        List<EngineListener> listeners = new ArrayList<>(b.listeners);
        this.detecting = !b.events.isEmpty();
        this.detectors = detecting ? Detection.detectors(settings, watch, b.policies, EventSink.all(b.events)) : null;
        if (detecting) detectors.earlyRaise(b.earlyRaise);
        if (detecting) listeners.add(detectors); // they finish with the engine (EngineListener.finished)
        listeners.addAll(b.after);
        this.engine = new Engine(settings.engine(), maps, watch, EngineListener.all(listeners));
    }

    public static Builder builder(PipelineSettings settings) {
        return new Builder(settings);
    }

    /** Hands one element to the engine. */
    @Override
    public void accept(String collector, RouteElement e) {
        engine.accept(collector, e);
    }

    /** Closes the bins ending at or before {@code timeMicros} (a live feed's wall clock). */
    public void advance(long timeMicros) {
        engine.advance(timeMicros);
    }

    /** A source's report about its feed (an archive's data gap): to every listener, never to the routing state. */
    public void feedEvent(org.blackout.core.engine.FeedEvent e) {
        engine.feedEvent(e);
    }

    /** End of the data: the last bin closes and every listener is told. */
    public void finish() {
        engine.finish();
    }

    /** Runs a replay to its end through the engine (then {@code tap}, e.g. metrics or progress), and finishes. */
    public void replay(ReplayMerge merge, ElementSink tap) throws IOException {
        merge.run(tap == null ? engine : (collector, e) -> {
            engine.accept(collector, e);
            tap.accept(collector, e);
        });
        finish();
    }

    public Engine engine() {
        return engine;
    }

    public EntityMaps maps() {
        return maps;
    }

    public Watch watch() {
        return watch;
    }

    public PipelineSettings settings() {
        return settings;
    }

    public boolean detecting() {
        return detecting;
    }

    /** Watched entities the detectors could not judge for outages (no active peer carried their prefixes). */
    public List<String> unjudged() {
        return detectors == null ? List.of() : detectors.unjudged();
    }

    /** Assembles a pipeline; sinks are called in the order added. */
    public static final class Builder {
        private final PipelineSettings settings;
        private final List<EngineListener> listeners = new ArrayList<>();
        private final List<EngineListener> after = new ArrayList<>();
        private final List<EventSink> events = new ArrayList<>();
        private EntityMaps maps;
        private Watch watch;
        private Policies policies;
        private boolean earlyRaise;

        private Builder(PipelineSettings settings) {
            this.settings = settings;
        }

        /** Maps loaded already (else {@code settings.entities()} are loaded by {@link #build}). */
        public Builder maps(EntityMaps m) {
            this.maps = m;
            return this;
        }

        /** A watch built already (else {@link PipelineSettings#watch(EntityMaps)}). */
        public Builder watch(Watch w) {
            this.watch = w;
            return this;
        }

        /** The operators' reference data for the detectors, loaded already (else {@code settings.policies()} are loaded by {@link #build}). */
        public Builder policies(Policies p) {
            this.policies = p;
            return this;
        }

        /** A signal sink: signals, feed events, elements and bin ends, before the detectors see the bin. */
        public Builder signals(EngineListener l) {
            listeners.add(l);
            return this;
        }

        /** A listener that runs after the detectors in each bin (metrics, test hooks). */
        public Builder afterDetectors(EngineListener l) {
            after.add(l);
            return this;
        }

        /**
         * Live sources: the detectors raise a provisional outage as soon as every carrier withdrew
         * every prefix of an entity, before the bin closes (see {@code core.detect.EarlyOutage}).
         * Never for a replay, whose events are the bins' alone.
         */
        public Builder earlyRaise(boolean on) {
            this.earlyRaise = on;
            return this;
        }

        /** An event sink; attaching one runs the detectors. */
        public Builder events(EventSink s) {
            events.add(s);
            return this;
        }

        public Pipeline build() throws IOException {
            if (policies == null) policies = settings.policies().load(note -> System.err.println("blackout: " + note));
            return new Pipeline(this, maps != null ? maps : settings.entities().load());
        }
    }
}
