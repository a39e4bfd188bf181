package org.blackout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.blackout.sim.Action;
import org.blackout.sim.BaselineSubset;
import org.blackout.sim.RirDelegations;
import org.blackout.sim.Scenario;
import org.blackout.core.config.ConfigException;
import org.blackout.sim.ScenarioParser;
import org.blackout.sim.Simulation;
import org.blackout.wire.net.Prefix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blackout simulate}: scenario → MRT files a collector would have written, plus truth.jsonl. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Writes what a RouteViews or RIS collector would have recorded for a scenario: a TABLE_DUMP_V2 RIB at the "
                    + "start, BGP4MP_ET update files (15 minutes each by default) and truth.jsonl, one line per injected event. "
                    + "The output is marked as simulated (README.txt, RIB view name, truth).",
            "",
            "  blackout simulate scenarios/kp-2014-12.yaml --out out/kp",
            "  blackout simulate --full-table --peers 40 --prefixes 1000000 --out out/full",
            "  blackout simulate --extract-baseline FILE.mrt --keep-as 4837,131279 --sample 30000 --out subset.rib.gz"})
final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (a file with --extract-baseline)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "overrides the scenario's seed")
    Long seed;

    @Option(names = "--full-table", description = "a synthetic full-size table from real ranges and AS relationships, with background churn")
    boolean fullTable;

    @Option(names = "--peers", defaultValue = "40", description = "peers of the full table (default: ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--prefixes", defaultValue = "0", paramLabel = "N",
            description = "full table: add more-specifics until N prefixes (default: the ranges as they split, about 718k)")
    int prefixes;

    @Option(names = "--ranges", paramLabel = "FILE", description = "full table: start,end,asn,org range file (default: $${shared}/geo/ip-location-db-asn-*.tgz)")
    Path ranges;

    @Option(names = "--asrel", paramLabel = "FILE", description = "full table: AS1|AS2|rel file, thunderwolf sign (default: $${shared}/asrel/thunderwolf-whole-internet-rel.txt)")
    Path asrel;

    @Option(names = "--start", defaultValue = "2026-06-18T00:00:00Z", description = "full table: start time (default: ${DEFAULT-VALUE})")
    Instant start;

    @Option(names = "--duration", defaultValue = "PT15M", description = "full table: update period, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--churn", defaultValue = "2", paramLabel = "PER_MIN", description = "full table: background updates per peer per minute (default: ${DEFAULT-VALUE})")
    double churn;

    @Option(names = "--extract-baseline", paramLabel = "MRT", description = "cut a demo baseline (TABLE_DUMP_V2 RIB) out of a real MRT file")
    Path extract;

    @Option(names = "--keep-as", split = ",", paramLabel = "ASN", description = "extract: keep every route through these ASes")
    List<Integer> keepAs = new ArrayList<>();

    @Option(names = "--keep-country", split = ",", paramLabel = "CC", description = "extract: keep every route in these countries' delegated space (needs --countries)")
    List<String> keepCountry = new ArrayList<>();

    @Option(names = "--countries", paramLabel = "FILE", description = "extract: RIR delegation file(s)")
    List<Path> countries = new ArrayList<>();

    @Option(names = "--sample", defaultValue = "30000", description = "extract: other prefixes to keep, drawn by the seed (default: ${DEFAULT-VALUE})")
    int sample;

    @Override
    public Integer call() throws IOException {
        try {
            if (extract != null) return extract();
            Scenario sc;
            if (fullTable) {
                if (scenario != null) throw new IllegalArgumentException("give either SCENARIO or --full-table, not both");
                sc = fullTableScenario();
            } else {
                if (scenario == null) throw new IllegalArgumentException("missing SCENARIO (or --full-table, --extract-baseline); see --help");
                sc = ScenarioParser.parse(scenario);
            }
            if (seed != null) sc = sc.withSeed(seed);
            long t0 = System.nanoTime();
            Simulation.Result r = Simulation.run(sc, out, System.err);
            double s = (System.nanoTime() - t0) / 1e9;
            System.err.printf("blackout: SIMULATED %s: %d prefixes x %d peers, %d changes, %d truth events -> %d files, %.1f MB in %s (%.1f s)%n",
                    sc.name(), r.baseline().prefixes().length, r.baseline().peers().size(), r.changes(), r.truth().size(),
                    r.files().size(), r.bytes() / 1e6, out, s);
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("blackout simulate: " + e.getMessage());
            return 2;
        }
    }

    private Scenario fullTableScenario() throws IOException {
        Path shared = Path.of(System.getProperty("blackout.shared", System.getenv().getOrDefault("BLACKOUT_SHARED", "../shared/data")));
        Path r = ranges != null ? ranges : firstMatch(shared.resolve("geo"), "ip-location-db-asn-2");
        Path a = asrel != null ? asrel : shared.resolve("asrel/thunderwolf-whole-internet-rel.txt");
        if (!Files.isRegularFile(a)) throw new IllegalArgumentException("--asrel: no such file: " + a);
        if (peers < 1 || peers > 762) throw new IllegalArgumentException("--peers: must be between 1 and 762, got " + peers);
        Instant end = start.plus(duration);
        List<Action> timeline = churn > 0 ? List.of(new Action.Churn("--churn", start, end, churn)) : List.of();
        return new Scenario(null, "full-table", "Synthetic full-size tables for benchmarks: real prefixes and origins, "
                + "valley-free paths over a real AS graph; background churn only.", start, end, seed == null ? 1 : seed,
                new Scenario.BaselineSpec.FullTable(r, a, prefixes), peers, List.of(), "routeviews", Duration.ofMinutes(15), timeline);
    }

    private static Path firstMatch(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--ranges: no shared data at " + dir + " (set -Dblackout.shared or BLACKOUT_SHARED, or give --ranges)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".tgz")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--ranges: no " + prefix + "*.tgz in " + dir));
        }
    }

    private int extract() throws IOException {
        List<Prefix> blocks = new ArrayList<>();
        Set<Integer> as = new HashSet<>(keepAs);
        if (!keepCountry.isEmpty()) {
            if (countries.isEmpty()) throw new IllegalArgumentException("--keep-country needs --countries FILE");
            RirDelegations rir = RirDelegations.read(countries);
            for (String cc : keepCountry) {
                blocks.addAll(rir.blocks(cc));
                as.addAll(rir.asns(cc));
            }
        }
        BaselineSubset.Result r = BaselineSubset.write(extract, as, blocks, sample, seed == null ? 1 : seed, out);
        System.err.printf("blackout: %s: kept %d prefixes (%d by AS/country, %d sampled of %d) -> %s (%d bytes)%n", extract.getFileName(),
                r.kept() + r.sampled(), r.kept(), r.sampled(), r.total(), out, Files.size(out));
        return 0;
    }
}
