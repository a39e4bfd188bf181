package org.blackout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.blackout.cli.report.DetectionRun;
import org.blackout.cli.report.HtmlReport;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventText;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.blackout.sim.Scenario;
import org.blackout.core.config.ConfigException;
import org.blackout.sim.ScenarioParser;
import org.blackout.sim.Simulation;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.ingest.catalog.ArchiveLayout;
import org.blackout.pipeline.source.MrtInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blackout demo}: North Korea, December 2014, offline. Simulates the bundled reconstruction
 * (or reuses an earlier run's files), replays it with every detector, prints the timeline of
 * events and writes a self-contained HTML report beside the data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs Blackout's main job on bundled data, offline: generates the North Korea reconstruction of December 2014 "
                    + "with the simulator (SIMULATED data, from public reporting), replays it through the engine and detectors, "
                    + "prints the timeline of events and writes a self-contained HTML report (visibility and churn plots) beside it.",
            "",
            "  blackout demo                 # into demo-out/",
            "  blackout demo --out /tmp/kp --fresh",
            "",
            "--serve then opens the same data in the dashboard: it writes DIR/serve.yml and runs 'blackout serve' on it."})
final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO = "scenarios/kp-2014-12.yaml";
    static final List<String> WATCH = List.of("country:KP", "as:131279");

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Output directory: mrt/ (the simulated archive), events.jsonl, report.html (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario YAML (default: the bundled " + SCENARIO + ").")
    Path scenario;

    @Option(names = "--fresh", description = "Simulate again even when DIR/mrt holds an earlier run of the same scenario.")
    boolean fresh;

    @Option(names = "--serve", description = "After the demo, store the same data and serve the dashboard (blackout serve).")
    boolean serve;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
            description = "With --serve: where the dashboard listens (default ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() throws IOException {
        QuietNettyLogging.install(System.err); // as replay: no Logback set-up for Netty's logger
        long t0 = System.nanoTime();
        Path yaml = scenario != null ? scenario : locate();
        if (yaml == null || !Files.isRegularFile(yaml)) {
            System.err.println("demo: cannot find " + (yaml == null ? SCENARIO : yaml) + " (run from the repository, or give --scenario)");
            return 2;
        }
        PrintWriter term = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        Scenario sc;
        try {
            sc = ScenarioParser.parse(yaml);
        } catch (ConfigException e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        try {
            run(sc, yaml, out, fresh, term, System.err);
        } catch (ConfigException e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        System.err.printf(Locale.ROOT, "demo: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (!serve) return 0;
        Path config = out.resolve("serve.yml");
        Files.writeString(config, serveConfig(out, sc), StandardCharsets.UTF_8);
        term.println("serving: blackout serve --config " + config.toAbsolutePath() + "  (http://" + listen + "/#/country/KP)");
        return Main.commandLine("serve").execute("serve", "--config", config.toAbsolutePath().toString(), "--listen", listen);
    }

    /** A serve configuration over the demo's own files (see examples/demo.yml), written by Jackson. */
    static String serveConfig(Path out, Scenario sc) {
        var root = new com.fasterxml.jackson.databind.node.ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        root.putObject("sources").putArray("replay").add(out.resolve("mrt").toAbsolutePath().toString());
        var rir = root.putObject("entities").putArray("rir");
        for (Path c : sc.countries()) rir.add(c.toAbsolutePath().toString());
        var watch = root.putArray("watch");
        WATCH.forEach(watch::add);
        root.putObject("engine").put("bin", "5m");
        root.putObject("store").put("duckdb", out.resolve("blackout.duckdb").toAbsolutePath().toString());
        root.putObject("http").put("listen", "127.0.0.1:8080");
        try {
            return "# written by blackout demo: the North Korea reconstruction (SIMULATED data) in the dashboard\n"
                    + new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo on a parsed scenario: simulate (or reuse), replay with the detectors, print, write events and report. */
    static DetectionRun.Result run(Scenario sc, Path yaml, Path out, boolean fresh, PrintWriter term, PrintStream err) throws IOException {
        Path mrt = out.resolve("mrt");
        if (fresh || !reusable(mrt, yaml)) {
            clean(mrt);
            err.println("demo: simulating " + sc.name() + " into " + mrt + " (SIMULATED data, a reconstruction) ...");
            Simulation.run(sc, mrt, quiet(err));
        } else {
            err.println("demo: reusing the simulated archive in " + mrt + " (--fresh to simulate again)");
        }
        List<Path> files = MrtInputs.files(List.of(mrt));
        err.printf(Locale.ROOT, "demo: replaying %d MRT files through the engine and detectors ...%n", files.size());
        term.println();
        term.println("North Korea, December 2014: " + sc.name() + " (SIMULATED reconstruction from public reporting)");
        term.println("Timeline of events (data time, UTC):");
        // lines are sorted by their time before printing: an instability's end is only known once it has been
        // quiet for a while, after later events were raised
        List<Line> lines = new ArrayList<>();
        EventSink printer = new EventSink() {
            @Override
            public void raised(Event e) {
                lines.add(new Line(e.raised(), lines.size(), EventText.lifecycle(Phase.RAISED, e)));
            }

            @Override
            public void lowered(Event e) {
                if (e.type() == EventType.UPSTREAM && e.lowered().equals(e.raised())) return; // a gain is printed once
                lines.add(new Line(e.lowered(), lines.size(), EventText.lifecycle(Phase.LOWERED, e)));
            }
        };
        DetectionRun.Result r = DetectionRun.run(files,
                PipelineSettings.defaults().withEntities(EntitySources.rir(sc.countries())).withWatch(WATCH), printer);
        lines.sort(java.util.Comparator.comparing(Line::time).thenComparingInt(Line::seq));
        for (Line l : lines) term.println("  " + l.text());
        Path eventsFile = out.resolve("events.jsonl");
        EventsOutput.writeJsonLines(r.events(), eventsFile);
        Path report = out.resolve("report.html");
        Files.writeString(report, HtmlReport.render("Blackout demo: North Korea, December 2014 (simulated reconstruction)",
                notes(sc), r.series(), r.events()), StandardCharsets.UTF_8);
        term.println();
        for (String line : story(r.events())) term.println(line);
        term.println();
        term.println("events:  " + eventsFile.toAbsolutePath());
        term.println("report:  " + report.toAbsolutePath() + "  (self-contained, open it in a browser)");
        err.printf(Locale.ROOT, "demo: %d elements, %d events%n", r.elements(), r.events().size());
        return r;
    }

    private record Line(java.time.Instant time, int seq, String text) {}

    /** The headline, read back from the events: what a newcomer should take away. */
    static List<String> story(List<Event> events) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (!e.entity().equals("country:KP")) continue;
            switch (e.type()) {
                case INSTABILITY -> out.add("* Instability from " + EventText.time(e.firstEvidence())
                        + (e.open() ? " (still open)" : " until " + EventText.time(e.lowered())) + ": " + e.summary() + ".");
                case OUTAGE -> out.add("* North Korea dark from " + EventText.time(e.firstEvidence()) + ", raised "
                        + EventText.time(e.raised()) + " (" + EventText.duration(Duration.between(e.firstEvidence(), e.raised()).plusSeconds(30))
                        + " later), " + (e.open() ? "still out at the end of the data" : EventText.restored(e) + " at " + EventText.time(e.lowered()))
                        + (e.has(Hint.PRECEDED_BY_INSTABILITY) ? "; preceded by instability" : "") + ".");
                case UPSTREAM -> {
                    if (e.has(Hint.SINGLE_UPSTREAM)) out.add("* Single upstream: North Korea is reached only through AS"
                            + e.details().get("asn") + " (China Unicom).");
                    else out.add("* Upstream change: " + e.summary() + ".");
                }
                default -> {}
            }
        }
        long feed = events.stream().filter(e -> e.type() == EventType.FEED).count();
        if (feed > 0) out.add("* " + feed + " feed event(s): collector peer sessions, not outages.");
        return out;
    }

    private static List<String> notes(Scenario sc) {
        return List.of("SIMULATED DATA: a reconstruction of North Korea's outage of December 2014 from public reporting "
                        + "(Dyn Research, 22 Dec 2014), written by blackout simulate; no router sent these routes.",
                sc.description().strip());
    }

    /** An earlier run of the same scenario is reused when its truth file is newer than the scenario. */
    private static boolean reusable(Path mrt, Path yaml) throws IOException {
        Path truth = mrt.resolve("truth.jsonl");
        if (!Files.isRegularFile(truth) || Files.size(truth) == 0) return false;
        if (Files.getLastModifiedTime(truth).compareTo(Files.getLastModifiedTime(yaml)) < 0) return false;
        return !simulated(mrt).isEmpty();
    }

    /** Removes an earlier run's files (only the ones the simulator writes). */
    private static void clean(Path mrt) throws IOException {
        if (!Files.isDirectory(mrt)) return;
        for (Path f : simulated(mrt)) Files.delete(f);
        Files.deleteIfExists(mrt.resolve("truth.jsonl"));
        Files.deleteIfExists(mrt.resolve("README.txt"));
    }

    /** The MRT files the simulator wrote, named as archives name them ({@code rib.*}, {@code bview.*}, {@code updates.*}). */
    private static List<Path> simulated(Path mrt) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : MrtInputs.files(List.of(mrt))) {
            if (ArchiveLayout.parse(f.getFileName().toString()).isPresent()) out.add(f);
        }
        return out;
    }

    /** The simulator's progress, shortened. */
    private static PrintStream quiet(PrintStream err) {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8) {
            @Override
            public PrintStream printf(String format, Object... args) {
                return this;
            }
        };
    }

    /** The bundled scenario: under the working directory, else above the jar (the repository it was built in). */
    static Path locate() {
        Path here = Path.of(SCENARIO);
        if (Files.isRegularFile(here)) return here;
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                Path c = p.resolve(SCENARIO);
                if (Files.isRegularFile(c)) return c;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
        return null;
    }
}
