package org.blackout.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventType;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Watch;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.Test;

/** Real update files from a quiet day, as far as anyone knows: what an operator would have to read. */
class QuietRealDataTest {

    /** Reads {@code .gz}, {@code .bz2} or plain MRT. */
    static InputStream open(Path f) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
        if (f.toString().endsWith(".gz")) return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16));
        if (f.toString().endsWith(".bz2")) {
            return new BufferedInputStream(new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(raw));
        }
        return raw;
    }

    static Path shared(String rel) {
        String base = System.getProperty("blackout.shared");
        Prerequisites.require(base != null && Files.isDirectory(Path.of(base)), "shared data not available");
        Path p = Path.of(base, rel);
        Prerequisites.require(Files.exists(p), "missing " + p);
        return p;
    }

    static void read(List<Path> files, BiConsumer<String, RouteElement> sink) throws IOException {
        // files of one collector, consecutive in time: read one after the other
        for (Path f : files) {
            InputStream in = open(f);
            try (MrtReader r = new MrtReader(in, f.toString())) {
                RouteElements flat = new RouteElements();
                for (MrtRecord rec; (rec = r.next()) != null; ) flat.accept(rec, e -> sink.accept("rc", e));
            }
        }
    }

    /** The {@code n} origin ASes announcing the most prefixes in the files. */
    static List<Entity> busiestOrigins(List<Path> files, int n) throws IOException {
        Long2IntOpenHashMap count = new Long2IntOpenHashMap();
        read(files, (c, e) -> {
            if (e.type() != ElementType.ANNOUNCE || e.attributes() == null || e.attributes().asPath() == null) return;
            for (long o : e.attributes().asPath().origins()) count.addTo(o, 1);
        });
        List<Long> ases = new ArrayList<>(count.keySet());
        ases.sort(Comparator.comparingInt((Long a) -> -count.get(a.longValue())).thenComparing(a -> a));
        List<Entity> out = new ArrayList<>();
        for (Long a : ases.subList(0, Math.min(n, ases.size()))) out.add(new Entity.As(a));
        return out;
    }

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
        EntityMaps.Builder b = EntityMaps.builder();
        try (var s = Files.list(shared("rir"))) {
            for (Path f : s.sorted().toList()) org.blackout.core.entity.EntityFiles.load(f, b);
        }
        EntityMaps maps = b.build();
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
