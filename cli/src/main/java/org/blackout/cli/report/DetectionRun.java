package org.blackout.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityFiles;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;

/**
 * Replays MRT files through the engine with every detector attached, keeping the events and the
 * signals of the explicitly watched entities (for plots). Shared by {@code blackout demo}, its
 * tests and the accuracy benchmark.
 */
public final class DetectionRun {

    /** What a run produced. */
    public record Result(List<Event> events, List<HtmlReport.Series> series, long elements, int files) {}

    private DetectionRun() {}

    /** The MRT files of a simulator (or collector) output directory: {@code rib.*}, {@code bview.*}, {@code updates.*}, sorted. */
    public static List<Path> mrtFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("rib.") || n.startsWith("bview.") || n.startsWith("updates.");
            }).sorted().toList();
        }
    }

    public static EntityMaps maps(List<Path> entityFiles) throws IOException {
        EntityMaps.Builder b = EntityMaps.builder();
        for (Path f : entityFiles) EntityFiles.load(f, b);
        return b.build();
    }

    public static Result run(List<Path> files, EntityMaps maps, Watch watch, EngineConfig engineConfig,
                             DetectorConfig detectorConfig, EventSink lifecycle) throws IOException {
        EventLog log = new EventLog(lifecycle);
        Detectors detectors = new Detectors(detectorConfig, engineConfig.binMicros(), watch.entities(), log);
        Map<String, List<Signal>> series = new LinkedHashMap<>();
        for (Entity e : watch.entities()) series.put(e.toString(), new ArrayList<>());
        EngineListener keep = new EngineListener() {
            @Override
            public void signal(Signal s) {
                List<Signal> l = series.get(s.entity());
                if (l != null) l.add(s);
            }
        };
        Engine engine = new Engine(engineConfig, maps, watch, Detectors.tee(keep, detectors));
        ReplayMerge merge = new ReplayMerge(files).onError(e -> System.err.println("demo: " + e.getMessage()));
        merge.run(engine::accept);
        engine.finish();
        detectors.finish();
        List<HtmlReport.Series> out = new ArrayList<>();
        series.forEach((k, v) -> out.add(new HtmlReport.Series(k, v)));
        return new Result(log.events(), out, merge.elements(), files.size());
    }
}
