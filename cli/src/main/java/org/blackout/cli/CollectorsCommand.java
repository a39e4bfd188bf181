package org.blackout.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.blackout.core.json.Json;
import org.blackout.ingest.catalog.Collector;
import org.blackout.ingest.catalog.CollectorCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blackout collectors}: the built-in catalogue of public route collectors. */
@Command(name = "collectors", mixinStandardHelpOptions = true,
        description = {"Lists the route collectors Blackout knows (RIPE RIS rrcNN, RouteViews route-views*): project, name, "
                + "location, first month of data (- when not known), last month for retired ones, RIB and update-file intervals.",
                "Names not listed that follow rrcNN or route-views* are accepted by replay and fetch with their project's defaults."})
final class CollectorsCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "table", description = "table or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("jsonl")) {
            System.err.println("collectors: --format is table or jsonl, not " + format);
            return 2;
        }
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        if (format.equals("table")) out.printf("%-10s  %-22s  %-46s  %-7s  %-8s  %-4s  %s%n",
                "project", "name", "location", "first", "last", "rib", "updates");
        for (Collector c : CollectorCatalog.all()) {
            String first = c.firstData() == null ? "-" : c.firstData().toString();
            String last = c.lastData() != null ? c.lastData().toString() : c.retired() ? "retired" : "active";
            if (format.equals("table")) {
                out.printf("%-10s  %-22s  %-46s  %-7s  %-8s  %-4s  %s%n", c.project().id(), c.name(), c.location(), first, last,
                        text(c.ribInterval()), text(c.updatesInterval()));
            } else {
                out.println(Json.string(g -> {
                    g.writeStartObject();
                    g.writeStringField("project", c.project().id());
                    g.writeStringField("name", c.name());
                    g.writeStringField("location", c.location());
                    g.writeStringField("first_data", c.firstData() == null ? null : c.firstData().toString());
                    g.writeStringField("last_data", c.lastData() == null ? null : c.lastData().toString());
                    g.writeBooleanField("retired", c.retired());
                    g.writeNumberField("rib_interval_s", c.ribInterval().toSeconds());
                    g.writeNumberField("updates_interval_s", c.updatesInterval().toSeconds());
                    g.writeEndObject();
                }));
            }
        }
        out.flush();
        return out.checkError() ? 1 : 0;
    }

    private static String text(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
