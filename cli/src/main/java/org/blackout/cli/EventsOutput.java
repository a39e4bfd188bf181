package org.blackout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventText;

/** What becomes of detector events at the end of a replay: JSON lines in a file, a table. */
final class EventsOutput {
    private EventsOutput() {}

    /** After the data: names (on stderr) the watched entities the detectors could not judge. */
    static void reportUnjudged(List<String> unjudged) {
        if (!unjudged.isEmpty()) {
            System.err.println("detectors: " + unjudged.size() + " watched " + (unjudged.size() == 1 ? "entity" : "entities")
                    + " could not be judged for outages (no active peer carried any of their prefixes): "
                    + String.join(", ", unjudged.subList(0, Math.min(10, unjudged.size()))) + (unjudged.size() > 10 ? ", ..." : ""));
        }
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
