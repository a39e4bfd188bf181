package org.blackout.bench.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Evidence;
import org.blackout.core.event.Hint;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Watch;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.ingest.sim.Scenario;
import org.blackout.ingest.sim.ScenarioParser;
import org.blackout.ingest.sim.Simulation;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;
import org.blackout.pipeline.source.MrtInputs;
import org.blackout.wire.element.ElementType;

/**
 * Detector accuracy: every bundled scenario simulated and replayed, its events matched against
 * truth.jsonl (precision, recall, start and end error per event type); then the real update files
 * under the shared data replayed, counting the outage and hijack events that fire (target: none).
 *
 * <p>Usage: {@code AccuracyBench REPO SHARED WORK [--write FILE]}
 */
public final class AccuracyBench {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Slack around a truth interval when matching: detectors work in 5-minute bins. */
    static final Duration SLACK = Duration.ofMinutes(15);

    record Truth(EventType type, String entity, Instant start, Instant end, Set<String> prefixes) {}

    record Row(String scenario, EventType type, int truth, int recalled, int detected, int correct,
               List<Long> startErr, List<Long> endErr, List<Long> raiseDelay) {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        Path shared = Path.of(args.length > 1 ? args[1] : "../shared/data");
        Path work = Path.of(args.length > 2 ? args[2] : "bench/target/accuracy");
        Path write = args.length > 4 && args[3].equals("--write") ? Path.of(args[4]) : null;
        StringBuilder md = new StringBuilder();
        md.append("# Detector accuracy\n\nWritten by `bench/accuracy/run.sh --write` (defaults of `DetectorConfig.defaults()`, 5-minute bins).\n\n");
        md.append("## Scenarios (simulated, matched against truth.jsonl)\n\n");
        md.append("| scenario | type | truth | recalled | recall | detected | correct | precision | start error median / max | end error median / max | raised after start median / max |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        List<Path> scenarios = new ArrayList<>();
        scenarios.addAll(yamls(repo.resolve("scenarios")));
        scenarios.addAll(yamls(repo.resolve("bench/accuracy/scenarios")));
        for (Path yaml : scenarios) {
            for (Row r : scenario(yaml, work)) md.append(row(r)).append('\n');
        }
        md.append("\nErrors in minutes: start = first_evidence − truth start, end = lowered − truth end.\n");
        md.append("Back-to-back truth events of one type and entity are one period (the KP scenario's two flap phases); "
                + "an event on an AS also matches its country (North Korea is AS131279). Single-upstream flags are "
                + "informational and not counted.\n");
        md.append("\n## Real update files (quiet days as far as anyone knows)\n\n");
        md.append("Caveat: these are update files without a RIB dump, so peers' tables are partial and few peers count as "
                + "full-feed (1 to 14 here); with the default gate of 20 agreeing full-feed peers no outage can be raised on them. "
                + "The `sensitive` rows switch the gates off to show what they hold back.\n\n");
        md.append("Watch: all countries (every RIR file), all ASes; hijacks watched for the 20 busiest origin ASes of each input.\n");
        md.append("`default` = the shipped defaults (1 h warm-up, 20 agreeing full-feed peers); `sensitive` = 10 min warm-up, "
                + "1 agreeing peer, hijacks seen by 1 peer: what the gates are worth.\n\n");
        md.append("| input | elements | config | outage | hijack | instability | upstream | feed |\n|---|---:|---|---:|---:|---:|---:|---:|\n");
        EntityMaps maps = EntitySources.rir(rirFiles(shared.resolve("rir"))).load();
        for (Input in : realInputs(shared.resolve("mrt"))) {
            for (String cfgName : List.of("default", "sensitive")) {
                DetectorConfig cfg = cfgName.equals("default") ? DetectorConfig.defaults()
                        : DetectorConfig.defaults().withWarmup(Duration.ofMinutes(10)).withMinAgreeingPeers(1).withHijackMinPeers(1);
                List<Entity> busiest = busiest(in.files, 20);
                List<Entity> fixed = new ArrayList<>(busiest);
                Watch w = new Watch(fixed, true, true);
                Run r;
                try {
                    r = detect(in.files, maps, w, cfg);
                } catch (IOException | RuntimeException e) {
                    System.err.println("accuracy: " + in.name + ": " + e);
                    continue;
                }
                Map<EventType, Integer> n = new EnumMap<>(EventType.class);
                for (Event e : r.events()) {
                    if (e.type() == EventType.UPSTREAM && e.has(Hint.SINGLE_UPSTREAM)) continue;
                    n.merge(e.type(), 1, Integer::sum);
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %d |%n", in.name, r.elements(), cfgName,
                        n.getOrDefault(EventType.OUTAGE, 0), n.getOrDefault(EventType.HIJACK, 0),
                        n.getOrDefault(EventType.INSTABILITY, 0), n.getOrDefault(EventType.UPSTREAM, 0), n.getOrDefault(EventType.FEED, 0)));
                if (cfgName.equals("sensitive")) {
                    r.events().stream().filter(e -> e.type() == EventType.OUTAGE || e.type() == EventType.HIJACK).limit(3)
                            .forEach(e -> System.err.println("  sensitive " + in.name + ": " + e.type().json() + " " + e.entity() + " " + e.summary()));
                }
                System.err.println("accuracy: " + in.name + " " + cfgName + " done");
            }
        }
        System.out.print(md);
        if (write != null) Files.writeString(write, md.toString(), StandardCharsets.UTF_8);
    }

    /** What one replay through the pipeline (default engine settings, every detector) produced. */
    record Run(List<Event> events, long elements) {}

    static Run detect(List<Path> files, EntityMaps maps, Watch watch, DetectorConfig detectors) throws IOException {
        EventLog log = new EventLog(new EventSink() {});
        Pipeline pipeline = Pipeline.builder(PipelineSettings.defaults().withDetectors(detectors)).maps(maps).watch(watch)
                .events(log).build();
        ReplayMerge merge = new ReplayMerge(files).onError(e -> System.err.println("accuracy: " + e.getMessage()));
        pipeline.replay(merge, null);
        return new Run(log.events(), merge.elements());
    }

    // ---- scenarios

    static List<Row> scenario(Path yaml, Path work) throws IOException {
        Scenario sc = ScenarioParser.parse(yaml);
        Path out = work.resolve(sc.name());
        Path truthFile = out.resolve("truth.jsonl");
        if (!Files.isRegularFile(truthFile) || Files.getLastModifiedTime(truthFile).compareTo(Files.getLastModifiedTime(yaml)) < 0) {
            long t0 = System.nanoTime();
            Simulation.run(sc, out, new PrintStream(java.io.OutputStream.nullOutputStream()));
            System.err.printf(Locale.ROOT, "accuracy: simulated %s (%.1f s)%n", sc.name(), (System.nanoTime() - t0) / 1e9);
        }
        List<Truth> truth = new ArrayList<>();
        Set<String> watch = new LinkedHashSetOfEntities();
        for (String line : Files.readAllLines(truthFile)) {
            JsonNode n = JSON.readTree(line);
            EventType type = switch (n.get("type").asText()) {
                case "withdraw" -> EventType.OUTAGE;
                case "flap" -> EventType.INSTABILITY;
                case "hijack" -> EventType.HIJACK;
                case "upstream_change", "upstream" -> EventType.UPSTREAM;
                case "session_down" -> EventType.FEED;
                default -> null; // background churn: not an event
            };
            if (type == null) continue;
            String entity = n.get("entity").asText();
            Set<String> prefixes = new HashSet<>();
            if (n.has("prefix_list")) n.get("prefix_list").forEach(p -> prefixes.add(p.asText()));
            truth.add(new Truth(type, entity, Instant.parse(n.get("start").asText()),
                    n.get("end").isNull() ? null : Instant.parse(n.get("end").asText()), prefixes));
            try {
                Entity.parse(entity);
                watch.add(entity);
            } catch (IllegalArgumentException notAnEntity) {
                // peers:..., background
            }
        }
        truth = mergeContiguous(truth);
        List<String> spec = new ArrayList<>(watch);
        if (!sc.countries().isEmpty()) spec.add("all-countries");
        long t0 = System.nanoTime();
        EntityMaps maps = EntitySources.rir(sc.countries()).load();
        Run r = detect(MrtInputs.files(List.of(out)), maps, Watch.parse(spec), DetectorConfig.defaults());
        System.err.printf(Locale.ROOT, "accuracy: replayed %s: %d elements, %d events (%.1f s)%n", sc.name(), r.elements(),
                r.events().size(), (System.nanoTime() - t0) / 1e9);
        List<Event> detected = r.events().stream()
                .filter(e -> !(e.type() == EventType.UPSTREAM && e.has(Hint.SINGLE_UPSTREAM))) // informational
                .toList();
        List<Row> rows = new ArrayList<>();
        for (EventType type : EventType.values()) {
            List<Truth> ts = truth.stream().filter(t -> t.type == type).toList();
            List<Event> ds = detected.stream().filter(e -> e.type() == type).toList();
            if (ts.isEmpty() && ds.isEmpty()) continue;
            int recalled = 0, correct = 0;
            List<Long> se = new ArrayList<>(), ee = new ArrayList<>(), rd = new ArrayList<>();
            for (Truth t : ts) {
                Event best = ds.stream().filter(d -> matches(d, t, maps)).min(Comparator.comparing(Event::firstEvidence)).orElse(null);
                if (best == null) {
                    System.err.println("  missed: " + sc.name() + " " + type.json() + " " + t.entity + " " + t.start);
                    continue;
                }
                recalled++;
                se.add(Duration.between(t.start, best.firstEvidence()).toSeconds());
                rd.add(Duration.between(t.start, best.raised()).toSeconds());
                if (t.end != null && best.lowered() != null) ee.add(Duration.between(t.end, best.lowered()).toSeconds());
            }
            for (Event d : ds) {
                if (ts.stream().anyMatch(t -> matches(d, t, maps))) correct++;
                else System.err.println("  false: " + sc.name() + " " + type.json() + " " + d.entity() + " " + d.firstEvidence() + " " + d.summary());
            }
            rows.add(new Row(sc.name(), type, ts.size(), recalled, ds.size(), correct, se, ee, rd));
        }
        return rows;
    }

    /** Same entity (or every evidence prefix among the truth's prefixes, e.g. the AS of a country), overlapping in time. */
    static boolean matches(Event d, Truth t, EntityMaps maps) {
        boolean entity;
        if (t.type == EventType.FEED) {
            String[] parts = d.entity().split("\\|"); // peer:collector|address|ASn
            entity = parts.length == 3 && t.entity.contains(parts[1] + " " + parts[2]);
        } else {
            entity = d.entity().equals(t.entity) || sameCountry(d.entity(), t.entity, maps) || (!t.prefixes.isEmpty() && !d.evidence().isEmpty()
                    && d.evidence().stream().map(Evidence::prefix).allMatch(t.prefixes::contains));
        }
        if (!entity) return false;
        Instant dStart = d.firstEvidence(), dEnd = d.lowered() == null ? Instant.MAX : d.lowered();
        Instant tStart = t.start.minus(SLACK), tEnd = t.end == null ? Instant.MAX : t.end.plus(SLACK);
        return !dStart.isAfter(tEnd) && !dEnd.isBefore(tStart);
    }

    /** An AS's event shows on its country too (North Korea is AS131279): the country of an AS entity, by the RIR files. */
    static boolean sameCountry(String a, String b, EntityMaps maps) {
        if (a.startsWith("country:") && b.startsWith("as:")) return a.equals(countryOf(b, maps));
        if (b.startsWith("country:") && a.startsWith("as:")) return b.equals(countryOf(a, maps));
        return false;
    }

    static String countryOf(String entity, EntityMaps maps) {
        if (entity.startsWith("country:")) return entity;
        if (!entity.startsWith("as:")) return null;
        String cc = maps.asCountryCode(Long.parseLong(entity.substring(3)));
        return cc == null || cc.isEmpty() ? null : "country:" + cc;
    }

    /** Back-to-back truth events of one type and entity (the two flap phases of the KP scenario) are one period. */
    static List<Truth> mergeContiguous(List<Truth> in) {
        List<Truth> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparing(Truth::start));
        List<Truth> out = new ArrayList<>();
        for (Truth t : sorted) {
            Truth prev = out.stream().filter(o -> o.type == t.type && o.entity.equals(t.entity) && o.end != null
                    && !o.end.plus(SLACK).isBefore(t.start)).findFirst().orElse(null);
            if (prev == null) {
                out.add(t);
                continue;
            }
            Set<String> ps = new HashSet<>(prev.prefixes);
            ps.addAll(t.prefixes);
            out.set(out.indexOf(prev), new Truth(t.type, t.entity, prev.start, t.end == null ? null
                    : (t.end.isAfter(prev.end) ? t.end : prev.end), ps));
        }
        return out;
    }

    static String row(Row r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %d | %d | %s | %s | %s | %s |", r.scenario, r.type.json(), r.truth,
                r.recalled, ratio(r.recalled, r.truth), r.detected, r.correct, ratio(r.correct, r.detected),
                errors(r.startErr), errors(r.endErr), errors(r.raiseDelay));
    }

    static String ratio(int a, int b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    static String errors(List<Long> seconds) {
        if (seconds.isEmpty()) return "-";
        List<Long> abs = seconds.stream().map(Math::abs).sorted().toList();
        long med = abs.get((abs.size() - 1) / 2), max = abs.get(abs.size() - 1);
        return String.format(Locale.ROOT, "%.1f / %.1f min", med / 60.0, max / 60.0);
    }

    static List<Path> yamls(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** A set of entity strings in insertion order. */
    static final class LinkedHashSetOfEntities extends java.util.LinkedHashSet<String> {}

    // ---- real data

    record Input(String name, List<Path> files) {}

    static List<Input> realInputs(Path mrt) throws IOException {
        List<Input> out = new ArrayList<>();
        Path bgpdump = mrt.resolve("bgpdump/test_data");
        if (Files.isDirectory(bgpdump)) {
            try (Stream<Path> s = Files.list(bgpdump)) {
                s.filter(p -> p.getFileName().toString().startsWith("updates.")).sorted()
                        .forEach(p -> out.add(new Input("bgpdump/" + p.getFileName(), List.of(p))));
            }
        }
        Path gobgp = mrt.resolve("gobgpdump");
        if (Files.isDirectory(gobgp)) {
            try (Stream<Path> s = Files.list(gobgp)) {
                out.add(new Input("gobgpdump/arch0-3 (47 min, 35 peers)", s.sorted().toList()));
            }
        }
        Path bgpkit = mrt.resolve("bgpkit-parser");
        if (Files.isDirectory(bgpkit)) {
            try (Stream<Path> s = Files.walk(bgpkit)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("updates.")).sorted()
                        .forEach(p -> out.add(new Input("bgpkit/" + bgpkit.relativize(p), List.of(p))));
            }
        }
        Path mrtparse = mrt.resolve("mrtparse");
        if (Files.isDirectory(mrtparse)) {
            try (Stream<Path> s = Files.list(mrtparse)) {
                s.filter(p -> p.getFileName().toString().endsWith("_bgp")).sorted()
                        .forEach(p -> out.add(new Input("mrtparse/" + p.getFileName(), List.of(p))));
            }
        }
        return out;
    }

    static List<Path> rirFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            // one file per registry: the 2014 ones where there are several
            Map<String, Path> byRir = new LinkedHashMap<>();
            s.filter(p -> p.getFileName().toString().startsWith("delegated-")).sorted().forEach(p -> {
                String rir = p.getFileName().toString().split("-")[1];
                if (!byRir.containsKey(rir) || p.getFileName().toString().contains("2014")) byRir.put(rir, p);
            });
            return new ArrayList<>(byRir.values());
        }
    }

    static List<Entity> busiest(List<Path> files, int n) throws IOException {
        Long2IntOpenHashMap count = new Long2IntOpenHashMap();
        try {
            new ReplayMerge(files).onError(e -> {}).run((c, e) -> {
                if (e.type() != ElementType.ANNOUNCE && e.type() != ElementType.RIB) return;
                if (e.attributes() == null || e.attributes().asPath() == null) return;
                for (long o : e.attributes().asPath().origins()) count.addTo(o, 1);
            });
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Long> ases = new ArrayList<>(count.keySet());
        ases.sort(Comparator.comparingInt((Long a) -> -count.get(a.longValue())).thenComparing(a -> a));
        List<Entity> out = new ArrayList<>();
        for (Long a : ases.subList(0, Math.min(n, ases.size()))) out.add(new Entity.As(a));
        return out;
    }
}
