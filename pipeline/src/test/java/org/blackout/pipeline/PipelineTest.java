package org.blackout.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Signal;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

class PipelineTest {

    static RouteElement announce(long sec, String peer, String prefix, String path) {
        return new RouteElement(sec * 1_000_000L, ElementType.ANNOUNCE, IpAddress.parse(peer), 65001, Prefix.parse(prefix), 0,
                new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.parse(path), true)), Rfc7606Action.NONE, null), 0, 0);
    }

    static RouteElement down(long sec, String peer) {
        return new RouteElement(sec * 1_000_000L, ElementType.STATE, IpAddress.parse(peer), 65001, null, 0, null, 6, 1);
    }

    /** Records what reaches a sink, in order. */
    record Trace(String name, List<String> shared) implements EngineListener {

        @Override
        public void signal(Signal s) {
            shared.add(name + " signal " + s.entity());
        }

        @Override
        public void binClosed(long start, long end, RoutingView view) {
            shared.add(name + " bin " + start / 1_000_000L);
        }

        @Override
        public void finished() {
            shared.add(name + " finished");
        }
    }

    @Test
    void signalsThenDetectorsThenAfterEachBinAndFinishedOnce() throws Exception {
        List<String> trace = new ArrayList<>();
        EventSink sink = new EventSink() {};
        Pipeline p = Pipeline.builder(PipelineSettings.defaults().withWatch(List.of("as:64500")))
                .maps(EntityMaps.empty()).signals(new Trace("first", trace)).events(sink).afterDetectors(new Trace("after", trace))
                .build();
        assertThat(p.detecting()).isTrue();
        assertThat(p.watch().entities()).hasSize(1);
        p.accept("rrc00", announce(10, "192.0.2.1", "198.51.100.0/24", "65001 64500"));
        p.accept("rrc00", announce(310, "192.0.2.1", "198.51.101.0/24", "65001 64500"));
        p.finish();
        assertThat(trace).containsExactly("first signal as:64500", "after signal as:64500", "first bin 0", "after bin 0",
                "first signal as:64500", "after signal as:64500", "first bin 300", "after bin 300", "first finished", "after finished");
    }

    @Test
    void noEventSinkNoDetectorsAndTheDefaultWatch() throws Exception {
        Pipeline p = Pipeline.builder(PipelineSettings.defaults()).maps(EntityMaps.empty()).build();
        assertThat(p.detecting()).isFalse();
        assertThat(p.watch().allAses()).as("no country data: every AS").isTrue();
        assertThat(p.watch().allCountries()).isFalse();
    }

    @Test
    void detectorsFinishWithTheEngine() throws Exception {
        EventLog log = new EventLog(new EventSink() {});
        Pipeline p = Pipeline.builder(PipelineSettings.defaults()).maps(EntityMaps.empty()).events(log).build();
        p.accept("rrc00", announce(10, "192.0.2.1", "198.51.100.0/24", "65001 64500"));
        p.accept("rrc00", down(400, "192.0.2.1"));
        p.finish();
        assertThat(log.events()).as("the session loss is a feed event").anyMatch(e -> e.type().json().equals("feed"));
    }
}
