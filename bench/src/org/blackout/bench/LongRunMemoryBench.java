package org.blackout.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventSink;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.EntitySources;

/**
 * Retained heap day after day in a long run: replays update files day by day (grouped by the
 * {@code updates.YYYYMMDD} in their names) through the engine and detectors watching every country
 * and every AS, and after each day prints the heap retained after full GCs, the AS paths and
 * prefixes interned against those some route still uses (what compaction could give back), and the
 * growth against day one. Usage: {@code LongRunMemoryBench RIR_DIR FILE...}.
 */
public final class LongRunMemoryBench {
    public static void main(String[] args) throws Exception {
        List<Path> rir = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            s.filter(p -> p.getFileName().toString().startsWith("delegated-")).sorted().forEach(rir::add);
        }
        EntityMaps maps = EntitySources.rir(rir).load(w -> { });
        TreeMap<String, List<Path>> days = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            Path f = Path.of(args[i]);
            String n = f.getFileName().toString();
            int dot = n.indexOf('.');
            days.computeIfAbsent(dot >= 0 && n.length() >= dot + 9 ? n.substring(dot + 1, dot + 9) : n, k -> new ArrayList<>()).add(f);
        }
        long base = RibMemoryBench.usedAfterGc();
        EngineConfig ec = EngineConfig.defaults();
        Watch watch = Watch.parse(List.of("all-countries", "all-ases"));
        Detectors detectors = new Detectors(DetectorConfig.defaults(), ec.binMicros(), watch.entities(), new EventSink() {});
        Engine engine = new Engine(ec, maps, watch, detectors);
        long first = -1;
        int day = 0;
        for (var e : days.entrySet()) {
            day++;
            long t0 = System.nanoTime();
            long[] damaged = {0};
            new ReplayMerge(e.getValue()).onError(x -> damaged[0]++).run(engine); // counted, not printed
            double secs = (System.nanoTime() - t0) / 1e9;
            long used = RibMemoryBench.usedAfterGc() - base;
            if (first < 0) first = used;
            RoutingState r = engine.routing();
            RibMemoryBench.InUse inUse = RibMemoryBench.inUse(r);
            System.out.printf(Locale.ROOT, "day %d (%s, %d files, %d damaged records, %.0f s): retained %.1f MiB (%+.1f%% vs day 1); routes %d; "
                            + "AS paths interned %d, in use %d; prefixes interned %d, in use %d; entities %d%n",
                    day, e.getKey(), e.getValue().size(), damaged[0], secs, used / 1048576.0, 100.0 * (used - first) / first,
                    r.routeCount(), r.paths().size(), inUse.paths(), r.prefixes().size(), inUse.prefixes(),
                    engine.entities().size());
        }
        engine.finish();
        if (engine.hashCode() == 42) System.out.print(""); // keep the engine reachable until measured
    }
}
