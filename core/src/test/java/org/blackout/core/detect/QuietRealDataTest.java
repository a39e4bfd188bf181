package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventType;
import org.blackout.core.signal.Watch;
import org.junit.jupiter.api.Test;

/** Real update files from a quiet day, as far as anyone knows: what an operator would have to read. */
class QuietRealDataTest {

    /**
     * A real quiet day: route-views2, 22 February 2008, 96 update files, 46 peers, no RIB. With every
     * country watched (all RIR files), an operator reads at most 20 events that are not feed events.
     * The day is far longer than any warm-up and its peers carry most prefixes, so every detector
     * can fire here, and does: a few countries lose prefixes for hours, a few are unstable. This
     * checks the thresholds, not a blind detector.
     */
    @Test
    void aRealDayWithEveryCountryWatchedGivesAtMostTwentyEvents() throws IOException {
        List<Path> files = RealDays.files("20080222", 0, 24);
        assertThat(files).hasSizeGreaterThanOrEqualTo(90);
        EntityMaps maps = RealDays.everyRir();
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Detectors d = new Detectors(DetectorConfig.defaults(), ec.binMicros(), List.of(), log);
        Engine engine = new Engine(ec, maps, new Watch(List.of(), true, false), d);
        RealDays.replay(files, engine, new RealDays.Injector());
        d.finish();
        List<Event> events = log.events();
        assertThat(engine.routing().peerCount()).isGreaterThanOrEqualTo(40);
        List<String> nonFeed = events.stream().filter(e -> e.type() != EventType.FEED)
                .map(e -> e.type().json() + " " + e.entity() + " " + e.firstEvidence() + " " + e.summary()).toList();
        System.out.println("quiet real day 2008-02-22, all countries: " + nonFeed.size() + " non-feed events");
        nonFeed.forEach(l -> System.out.println("  " + l));
        assertThat(nonFeed).as("non-feed events on a quiet real day").hasSizeLessThanOrEqualTo(20)
                .anyMatch(e -> e.startsWith("outage country:"));
        // the country signals judge most of the space: the per-prefix basis converged within the day
        assertThat(events).filteredOn(e -> e.type() == EventType.OUTAGE)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("basis", "updates"));
    }
}
