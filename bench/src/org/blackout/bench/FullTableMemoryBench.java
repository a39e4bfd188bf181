package org.blackout.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.EntitySources;

/**
 * Heap retained per route after replaying MRT files (a simulated full table) through the engine
 * watching every country (RIR delegations) and every AS: used heap after full GCs, minus the heap
 * after loading the entity maps. Usage: {@code FullTableMemoryBench RIR_DIR FILE...}.
 */
public final class FullTableMemoryBench {
    public static void main(String[] args) throws Exception {
        List<Path> rir = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            s.filter(p -> p.getFileName().toString().startsWith("delegated-")).sorted().forEach(rir::add);
        }
        EntityMaps maps = EntitySources.rir(rir).load(w -> { });
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) files.add(Path.of(args[i]));
        long base = RibMemoryBench.usedAfterGc();
        long t0 = System.nanoTime();
        Engine engine = new Engine(EngineConfig.defaults(), maps, Watch.parse(List.of("all-countries", "all-ases")),
                new EngineListener() {});
        ReplayMerge merge = new ReplayMerge(files);
        merge.run(engine);
        engine.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        long used = RibMemoryBench.usedAfterGc() - base;
        RoutingState state = engine.routing();
        long n = state.routeCount();
        System.out.printf(Locale.ROOT, "replayed %d elements in %.1f s: routes=%d peers=%d prefixes=%d paths=%d entities=%d%n",
                engine.elements(), secs, n, state.peerCount(), state.prefixes().size(), state.paths().size(),
                engine.entities().size());
        System.out.printf(Locale.ROOT, "retained heap after GC (all countries, all ASes): %.1f MiB = %.2f bytes/route%n",
                used / 1048576.0, (double) used / n);
        System.out.printf(Locale.ROOT, "  of which: prefix table ~%.1f MiB, path table ~%.1f MiB, peer bitmap ~%.1f MiB, "
                        + "visibility ~%.1f MiB%n", state.prefixes().approximateBytes() / 1048576.0,
                state.paths().approximateBytes() / 1048576.0, state.peerBits().approximateBytes() / 1048576.0,
                engine.visibility().approximateBytes() / 1048576.0);
        if (engine.hashCode() == 42) System.out.print(""); // keep the engine reachable until measured
    }
}
