package org.blackout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;

/**
 * The signal sink of {@code replay} and {@code collect}: signals on stdout as a table (ASes named
 * when AS names were loaded), CSV or JSON lines, optionally every signal again as JSON lines in a
 * file; feed events counted, and printed on stderr when asked.
 */
final class SignalOutput implements EngineListener {

    enum Format { table, csv, jsonl }

    private final PrintWriter out;
    private final Format format;
    private final EntityMaps maps;
    private final Writer json;
    private final boolean printFeedEvents;
    private final boolean flushEachSignal;
    private boolean header;
    final AtomicLong signals = new AtomicLong();
    final AtomicLong feed = new AtomicLong();

    /**
     * @param json            also every signal as a JSON line here, or null
     * @param flushEachSignal a live feed's output is flushed signal by signal
     */
    SignalOutput(PrintWriter out, Format format, EntityMaps maps, Writer json, boolean printFeedEvents, boolean flushEachSignal) {
        this.out = out;
        this.format = format;
        this.maps = maps;
        this.json = json;
        this.printFeedEvents = printFeedEvents;
        this.flushEachSignal = flushEachSignal;
    }

    @Override
    public void signal(Signal s) {
        signals.incrementAndGet();
        if (!header) {
            header = true;
            if (format == Format.csv) out.println(SignalText.csvHeader());
            if (format == Format.table) out.println(SignalText.tableHeader());
        }
        out.println(switch (format) {
            case jsonl -> SignalText.json(s);
            case csv -> SignalText.csv(s);
            case table -> table(s);
        });
        if (flushEachSignal) out.flush();
        if (json != null) {
            try {
                json.write(SignalText.json(s));
                json.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void feedEvent(FeedEvent e) {
        feed.incrementAndGet();
        if (printFeedEvents) System.err.println("feed: " + e);
    }

    /** The table names ASes (the entity and its first upstream) when --as-names gave names. */
    private String table(Signal s) {
        String row = SignalText.table(s);
        if (maps.asNames() == 0) return row;
        StringBuilder names = new StringBuilder();
        if (s.entity().startsWith("as:")) appendName(names, Long.parseLong(s.entity().substring(3)));
        if (!s.upstreams().isEmpty()) {
            long up = s.upstreams().get(0).asn();
            if (maps.asName(up) != null) {
                names.append(names.isEmpty() ? "" : "; ").append("via ");
                appendName(names, up);
            }
        }
        return names.isEmpty() ? row : row + "  # " + names;
    }

    private void appendName(StringBuilder sb, long asn) {
        String name = maps.asName(asn);
        if (name != null) sb.append("AS").append(asn).append(' ').append(name);
    }
}
