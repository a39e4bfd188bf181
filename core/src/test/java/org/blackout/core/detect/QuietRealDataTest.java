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

/**
 * Real update files from quiet days, as far as anyone knows: every AS watched for outages, the
 * busiest origins watched for hijacks, with the default warm-up and with a 10-minute one so the
 * detectors actually run on these short files. Nothing may fire but feed events.
 */
class QuietRealDataTest {

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
            InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
            InputStream in = f.toString().endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
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

    static List<Event> replay(List<Path> files, DetectorConfig config) throws IOException {
        List<Entity> watched = busiestOrigins(files, 20);
        Watch w = new Watch(watched, false, true);
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Detectors d = new Detectors(config, ec.binMicros(), watched, log);
        Engine engine = new Engine(ec, EntityMaps.empty(), w, d);
        read(files, engine::accept);
        engine.finish();
        d.finish();
        return log.events();
    }

    static void assertQuiet(List<Path> files) throws IOException {
        for (DetectorConfig c : List.of(DetectorConfig.defaults(), DetectorConfig.defaults().withWarmup(Duration.ofMinutes(10)))) {
            List<Event> events = replay(files, c);
            assertThat(events).as("warm-up %s", c.warmup())
                    .filteredOn(e -> e.type() == EventType.OUTAGE || e.type() == EventType.HIJACK)
                    .extracting(e -> e.type().json() + " " + e.entity() + " " + e.firstEvidence() + " " + e.summary())
                    .isEmpty();
        }
    }

    @Test
    void risUpdatesOfAugust2016() throws IOException {
        assertQuiet(List.of(shared("mrt/bgpdump/test_data/updates.20160811.1600.gz")));
    }

    @Test
    void fortySevenMinutesOfThirtyFivePeersIn2013() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) files.add(shared("mrt/gobgpdump/gobgpdump-arch" + i));
        assertQuiet(files);
    }
}
