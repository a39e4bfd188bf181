package org.blackout.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.EventSink;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.Watch;
import org.blackout.pipeline.EntitySources;
import org.blackout.sim.Baseline;
import org.blackout.sim.ChurnRates;
import org.blackout.sim.ChurnSimulator;
import org.blackout.sim.Scenario;
import org.blackout.sim.Simulation;

/**
 * Flat memory in long runs: a simulated full table as RIB elements, then DAYS days of live churn at
 * the rates measured on the shared route-views2 days ({@link ChurnRates#ROUTEVIEWS_2008}), replayed
 * straight into the engine and detectors watching every country and every AS. After the RIB and
 * after each day prints the heap retained after full GCs (minus the heap holding the entity maps,
 * the baseline tables and the generator), its change against day one, and the AS paths and prefixes
 * interned against those some route uses. Usage:
 * {@code ChurnMemoryBench RIR_DIR RANGES ASREL PEERS PREFIXES DAYS SEED}.
 */
public final class ChurnMemoryBench {
    public static void main(String[] args) throws Exception {
        List<Path> rir = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            s.filter(p -> p.getFileName().toString().startsWith("delegated-")).sorted().forEach(rir::add);
        }
        EntityMaps maps = EntitySources.rir(rir).load(w -> { });
        int peers = Integer.parseInt(args[3]), prefixes = Integer.parseInt(args[4]), days = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        Baseline table = Simulation.fullTable(new Scenario.BaselineSpec.FullTable(Path.of(args[1]), Path.of(args[2]), prefixes),
                peers, seed, System.err);
        ChurnRates rates = ChurnRates.ROUTEVIEWS_2008;
        ChurnSimulator sim = new ChurnSimulator(table, rates, seed);
        System.out.printf(Locale.ROOT, "rates per peer: %.3f announcements/s, %.3f withdrawals/s, never-seen path %.2f%%, same path %.1f%%, "
                        + "flaps %.1f%% (median %.0f s, p90 %.0f s), prefixes +%d/-%d a day%n", rates.announcementsPerSecond(),
                rates.withdrawalsPerSecond(), 100 * rates.newPathShare(), 100 * rates.samePathShare(), 100 * rates.flapShare(),
                rates.flapMedianSeconds(), rates.flapP90Seconds(), rates.newPrefixesPerDay(), rates.vanishingPrefixesPerDay());
        long base = RibMemoryBench.usedAfterGc();
        EngineConfig ec = EngineConfig.defaults();
        Watch watch = Watch.parse(List.of("all-countries", "all-ases"));
        Detectors detectors = new Detectors(DetectorConfig.defaults(), ec.binMicros(), watch.entities(), new EventSink() {});
        Engine engine = new Engine(ec, maps, watch, detectors);
        var cpu = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
        sim.rib(1_781_740_800L, engine); // 2026-06-18T00:00:00Z, as simulate --full-table
        report("RIB", engine, base, -1, t0, c0, sim);
        long first = -1;
        for (int d = 1; d <= days; d++) {
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            long a0 = sim.counts().announcements, n0 = sim.counts().newPaths, w0 = sim.counts().withdrawals;
            sim.day(engine);
            long used = report("day " + d, engine, base, first, t0, c0, sim);
            if (first < 0) first = used;
            long a = sim.counts().announcements - a0;
            System.out.printf(Locale.ROOT, "       generated this day: %d announcements (%.3f per peer per s), never-seen path %.2f%%, %d withdrawals (%.3f per peer per s)%n",
                    a, a / 86_400.0 / table.peers().size(), 100.0 * (sim.counts().newPaths - n0) / a, sim.counts().withdrawals - w0,
                    (sim.counts().withdrawals - w0) / 86_400.0 / table.peers().size());
        }
        engine.finish();
        System.out.println("generated: " + sim.counts());
        if (engine.hashCode() == 42 || table.hashCode() == 42 || sim.hashCode() == 42) System.out.print(""); // reachable until measured
    }

    private static long report(String what, Engine engine, long base, long first, long t0, long c0, ChurnSimulator sim) {
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9;
        long used = RibMemoryBench.usedAfterGc() - base;
        RoutingState r = engine.routing();
        RibMemoryBench.InUse inUse = RibMemoryBench.inUse(r);
        System.out.printf(Locale.ROOT, "%-6s %6.0f s (CPU %5.0f s): retained %8.1f MiB%s; routes %d (%.2f B/route); "
                        + "AS paths interned %d (ids %d), in use %d; prefixes interned %d, in use %d; path table %.1f MiB%n",
                what, secs, cpuSecs, used / 1048576.0, first < 0 ? "          " : String.format(Locale.ROOT, " (%+5.1f%%)", 100.0 * (used - first) / first),
                r.routeCount(), (double) used / r.routeCount(), r.paths().size(), r.paths().idLimit(), inUse.paths(),
                r.prefixes().size(), inUse.prefixes(), r.paths().approximateBytes() / 1048576.0);
        return used;
    }
}
