package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Watch;
import org.blackout.wire.element.RouteElement;
import org.junit.jupiter.api.Test;

/**
 * A closed bin's signals are computed over several threads (large entities' snapshots and layouts
 * kept between bins): on real data, every country watched, the signals and the detectors' events are
 * exactly those of one thread.
 */
class ParallelSignalsTest {

    @Test
    void severalThreadsGiveExactlyTheSignalsAndEventsOfOne() throws IOException {
        List<Path> files = RealDays.files("20080221", 0, 3);
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        EntityMaps maps = RealDays.everyRir();
        Run one = run(files, maps, 1);
        Run four = run(files, maps, 4);
        assertThat(one.parallelBins).isZero();
        assertThat(four.parallelBins).as("bins computed on several threads").isGreaterThan(20);
        assertThat(one.signals).hasSizeGreaterThan(5_000);
        assertThat(four.signals).hasSameSizeAs(one.signals);
        for (int i = 0; i < one.signals.size(); i++) assertThat(four.signals.get(i)).as("signal %d", i).isEqualTo(one.signals.get(i));
        assertThat(four.events).isEqualTo(one.events);
    }

    private record Run(List<Signal> signals, List<Event> events, long parallelBins) {}

    private static Run run(List<Path> files, EntityMaps maps, int threads) throws IOException {
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), List.of(), log);
        List<Signal> signals = new ArrayList<>();
        EngineListener both = new EngineListener() {
            @Override
            public void signal(Signal s) {
                signals.add(s);
                d.signal(s);
            }

            @Override
            public void feedEvent(org.blackout.core.engine.FeedEvent e) {
                d.feedEvent(e);
            }

            @Override
            public void element(String collector, RouteElement e, RoutingView view) {
                d.element(collector, e, view);
            }

            @Override
            public void binClosed(long start, long end, RoutingView view) {
                d.binClosed(start, end, view);
            }

            @Override
            public void finished() {
                d.finished();
            }
        };
        Engine engine = new Engine(ec, maps, new Watch(List.of(), true, false), both).signalThreads(threads);
        RealDays.replay(files, engine, new RealDays.Injector());
        d.finish();
        return new Run(signals, log.events(), engine.parallelSignalBins());
    }
}
