package org.blackout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.core.detect.DetectorConfig;
import org.blackout.core.detect.Detectors;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventText;
import org.blackout.core.signal.Entity;

/** The detectors of a replay and what becomes of their events: JSON lines in a file, a table, a lifecycle log. */
final class EventsOutput {
    private final EventLog log;
    private final Detectors detectors;

    EventsOutput(DetectorConfig config, long binMicros, List<Entity> watched, EventSink lifecycle) {
        this(config, binMicros, watched, false, org.blackout.core.detect.OriginPolicy.NONE, lifecycle);
    }

    EventsOutput(DetectorConfig config, long binMicros, List<Entity> watched, boolean allPrefixes,
                 org.blackout.core.detect.OriginPolicy policy, EventSink lifecycle) {
        this.log = new EventLog(lifecycle);
        this.detectors = new Detectors(config, binMicros, watched, allPrefixes, policy, log);
    }

    EventsOutput(long binMicros, List<Entity> watched) {
        this(DetectorConfig.defaults(), binMicros, watched, new EventSink() {});
    }

    EngineListener listener() {
        return detectors;
    }

    /** Call after the engine's finish: open events get their duration up to the end of the data. */
    List<Event> finish() {
        detectors.finish();
        List<String> unjudged = detectors.unjudged();
        if (!unjudged.isEmpty()) {
            System.err.println("detectors: " + unjudged.size() + " watched " + (unjudged.size() == 1 ? "entity" : "entities")
                    + " could not be judged for outages (no active peer carried any of their prefixes): "
                    + String.join(", ", unjudged.subList(0, Math.min(10, unjudged.size()))) + (unjudged.size() > 10 ? ", ..." : ""));
        }
        return log.events();
    }

    /** Writes every event in its final state as one JSON line, by first evidence. */
    static void writeJsonLines(List<Event> events, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Event e : events) {
                w.write(EventJson.json(e));
                w.write('\n');
            }
        }
    }

    static void printTable(List<Event> events, PrintWriter out) {
        out.println();
        out.println("events (" + events.size() + ")");
        out.println(EventText.tableHeader());
        // significant first: by score, then by time; informational flags (score 0) last
        List<Event> sorted = new java.util.ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingDouble((Event e) -> -e.score()).thenComparing(Event::firstEvidence));
        for (Event e : sorted) out.println(EventText.table(e));
    }
}
