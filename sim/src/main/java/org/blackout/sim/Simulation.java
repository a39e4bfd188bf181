package org.blackout.sim;

import org.blackout.core.config.ConfigException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.blackout.wire.net.Prefix;

/**
 * Runs a scenario end to end: builds the baseline, plays the timeline into MRT files, writes the
 * ground truth ({@code truth.jsonl}) and a {@code README.txt} that says the data is simulated.
 */
public final class Simulation {
    private Simulation() {}

    /** What a run produced, for the command's summary. */
    public record Result(Baseline baseline, List<TruthEvent> truth, List<Path> files, long changes, long bytes) {}

    /** Builds the start tables a scenario asks for. Progress goes to {@code log} (stderr in the CLI). */
    public static Baseline baseline(Scenario sc, java.io.PrintStream log) throws IOException {
        return switch (sc.baseline()) {
            case Scenario.BaselineSpec.Mrt m -> {
                List<RealTable> real = MrtTables.read(m.file());
                if (real.isEmpty()) throw new ConfigException(m.file().toString(), 0, "baseline.mrt", "no peer has a route at the end of the file");
                int routes = real.stream().mapToInt(t -> t.routes().size()).sum();
                log.printf("blackout: baseline %s: %d real peer(s), %d routes%n", m.file().getFileName(), real.size(), routes);
                yield PeerSpreader.spread(real, sc.peers(), sc.seed(), "tables at the end of " + m.file().getFileName()
                        + " (" + real.size() + " real peer(s)), spread over " + sc.peers() + " peers by learned adjacency");
            }
            case Scenario.BaselineSpec.FullTable f -> fullTable(f, sc.peers(), sc.seed(), log);
        };
    }

    public static Baseline fullTable(Scenario.BaselineSpec.FullTable f, int peers, long seed, java.io.PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        AsGraph g = AsGraph.readThunderwolf(f.asrel());
        log.printf("blackout: AS graph %s: %d ASes (%.1f s)%n", f.asrel().getFileName(), g.size(), (System.nanoTime() - t0) / 1e9);
        FullTableBuilder b = new FullTableBuilder(g, seed);
        TreeMap<Prefix, Integer> origins = FullTableBuilder.readOrigins(f.ranges());
        log.printf("blackout: ranges %s: %d prefixes (%.1f s)%n", f.ranges().getFileName(), origins.size(), (System.nanoTime() - t0) / 1e9);
        if (f.prefixes() > 0) origins = b.deaggregate(origins, f.prefixes());
        Baseline base = b.build(origins, b.vantages(peers), "synthetic full table: prefixes and origins from "
                + f.ranges().getFileName() + ", valley-free paths over " + f.asrel().getFileName() + ", " + peers + " vantage ASes");
        log.printf("blackout: tables: %d prefixes x %d peers, %d distinct paths (%.1f s)%n", base.prefixes().length, peers,
                base.paths().size(), (System.nanoTime() - t0) / 1e9);
        return base;
    }

    public static Result run(Scenario sc, Path outDir, java.io.PrintStream log) throws IOException {
        Baseline base = baseline(sc, log);
        RirDelegations rir = sc.countries().isEmpty() ? null : RirDelegations.read(sc.countries());
        return run(sc, base, rir, outDir, log);
    }

    public static Result run(Scenario sc, Baseline base, RirDelegations rir, Path outDir, java.io.PrintStream log) throws IOException {
        Files.createDirectories(outDir);
        writeReadme(sc, base, outDir);
        Simulator sim = new Simulator(sc, base, new EntityResolver(base, rir));
        long t0 = System.nanoTime();
        int effects = sim.plan();
        log.printf("blackout: planned %d effects (%.1f s)%n", effects, (System.nanoTime() - t0) / 1e9);
        long changes;
        MrtSink sink = new MrtSink(outDir);
        try (sink) {
            changes = sim.run(sink);
        }
        log.printf("blackout: wrote %d changes (%.1f s)%n", changes, (System.nanoTime() - t0) / 1e9);
        writeTruth(sc, sim.truth(), outDir.resolve("truth.jsonl"));
        long bytes = 0;
        for (Path p : sink.files()) bytes += Files.size(p);
        return new Result(base, sim.truth(), sink.files(), changes, bytes);
    }

    static void writeTruth(Scenario sc, List<TruthEvent> truth, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TruthEvent t : truth) {
                w.write(json.writeValueAsString(t.toJson(sc.name())));
                w.newLine();
            }
        }
    }

    private static void writeReadme(Scenario sc, Baseline base, Path dir) throws IOException {
        String text = """
                SIMULATED DATA - NOT A REAL ROUTING ARCHIVE

                These MRT files were written by `blackout simulate` from the scenario '%s'%s.
                They imitate what a %s collector would have recorded; no router sent them.
                Every RIB names its view "SIMULATED %s"; truth.jsonl marks every event "simulated": true.

                %s

                Baseline: %s
                Peers: %d (addresses from the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
                except real peers kept from an MRT baseline)
                Period: %s to %s, update files every %d minutes
                Seed: %d

                truth.jsonl: one line per injected event (type, entity, start, end); "end": null means not undone.
                """.formatted(sc.name(), sc.source() == null ? "" : " (" + sc.source().getFileName() + ")", sc.layout().equals("ris") ? "RIPE RIS" : "RouteViews",
                sc.name(), sc.description().strip(), base.source(), base.peers().size(), sc.start(), sc.end(),
                sc.updateInterval().toMinutes(), sc.seed());
        Files.writeString(dir.resolve("README.txt"), text);
    }
}
