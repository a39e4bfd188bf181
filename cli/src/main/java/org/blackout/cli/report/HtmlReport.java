package org.blackout.cli.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventText;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Hint;
import org.blackout.core.signal.Signal;

/**
 * A self-contained HTML page: per entity, the visibility (visible /24s, peers seeing) and churn
 * (announcements + withdrawals per bin) timelines as inline SVG with the events as bands, then the
 * events table. No scripts, no fonts, no network: it opens from disk anywhere.
 */
public final class HtmlReport {
    private static final int W = 1100, PLOT_H = 150, LEFT = 60, RIGHT = 70, TOP = 12, BOTTOM = 26;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One entity's signals in time order. */
    public record Series(String entity, List<Signal> signals) {}

    private HtmlReport() {}

    public static String render(String title, List<String> notes, List<Series> series, List<Event> events) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n");
        b.append("""
                <style>
                body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1160px}
                h1{font-size:22px;margin:0 0 8px} h2{font-size:17px;margin:28px 0 6px}
                .note{background:#fff4d6;border:1px solid #e8c96a;padding:8px 12px;border-radius:4px;margin:6px 0}
                table{border-collapse:collapse;font-size:13px;width:100%} td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
                th{background:#f3f3f3} .outage{color:#b00020;font-weight:600} .instability{color:#b35c00} .feed{color:#666}
                .legend span{display:inline-block;margin-right:16px;font-size:13px} .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
                svg text{font-size:11px;fill:#444} code{background:#f3f3f3;padding:1px 4px}
                </style></head><body>
                """);
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String n : notes) b.append("<div class=\"note\">").append(esc(n)).append("</div>\n");
        b.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#1f5fbf\"></i>visible /24s</span>"
                + "<span><i class=\"sw\" style=\"background:#7bb36b\"></i>full-feed peers seeing it (right axis)</span>"
                + "<span><i class=\"sw\" style=\"background:#555\"></i>updates per bin</span>"
                + "<span><i class=\"sw\" style=\"background:rgba(214,40,40,.3)\"></i>outage</span>"
                + "<span><i class=\"sw\" style=\"background:rgba(240,150,20,.25)\"></i>instability</span>"
                + "<span><i class=\"sw\" style=\"background:#999\"></i>feed event (collector peer)</span></p>\n");
        for (Series s : series) {
            if (s.signals().isEmpty()) continue;
            b.append("<h2>").append(esc(s.entity())).append("</h2>\n");
            long t0 = s.signals().get(0).time().getEpochSecond();
            long t1 = s.signals().get(s.signals().size() - 1).time().getEpochSecond() + 300;
            double maxVis = 0, maxPeers = 1, maxChurn = 1;
            for (Signal x : s.signals()) {
                maxVis = Math.max(maxVis, x.visibleSlash24());
                maxPeers = Math.max(maxPeers, Math.max(x.peersSeeing(), x.fullFeedPeers()));
                maxChurn = Math.max(maxChurn, x.announcements() + x.withdrawals());
            }
            if (maxVis <= 0) maxVis = 1;
            b.append(chart("visibility", s, events, t0, t1, maxVis, maxPeers, false));
            b.append(chart("churn", s, events, t0, t1, maxChurn, 0, true));
        }
        b.append("<h2>Events</h2>\n<table><tr><th>type</th><th>entity</th><th>first evidence</th><th>raised</th><th>lowered</th>"
                + "<th>duration</th><th>severity</th><th>pattern</th><th>summary</th></tr>\n");
        for (Event e : events) {
            b.append("<tr><td class=\"").append(e.type().json()).append("\">").append(e.type().json()).append("</td><td>")
                    .append(esc(e.entity())).append("</td><td>").append(EventText.time(e.firstEvidence())).append("</td><td>")
                    .append(EventText.time(e.raised())).append("</td><td>").append(e.open() ? "(open)" : EventText.time(e.lowered()))
                    .append("</td><td>").append(EventText.duration(e.duration())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", e.severity())).append("</td><td>")
                    .append(esc(String.join(", ", e.pattern().stream().map(Hint::json).toList()))).append("</td><td>")
                    .append(esc(e.summary())).append("</td></tr>\n");
        }
        b.append("</table>\n<p style=\"color:#666;font-size:12px\">Written by <code>blackout demo</code>. Times are UTC. "
                + "Severity: hours of total loss (depth × duration).</p>\n</body></html>\n");
        return b.toString();
    }

    private static String chart(String kind, Series s, List<Event> events, long t0, long t1, double maxY, double maxRight, boolean churn) {
        int h = PLOT_H + TOP + BOTTOM, pw = W - LEFT - RIGHT;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" role=\"img\" aria-label=\"")
                .append(esc(s.entity() + " " + kind)).append("\">\n");
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw).append("\" height=\"")
                .append(PLOT_H).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n");
        // event bands
        for (Event e : events) {
            boolean feed = e.type() == EventType.FEED;
            if (!feed && !e.entity().equals(s.entity())) continue;
            if (e.type() != EventType.OUTAGE && e.type() != EventType.INSTABILITY && !feed) continue;
            long a = e.firstEvidence().getEpochSecond();
            long z = e.open() ? t1 : e.lowered().getEpochSecond();
            double x0 = x(Math.max(a, t0), t0, t1), x1 = x(Math.min(Math.max(z, a), t1), t0, t1);
            if (feed) {
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"3,3\"><title>%s</title></line>%n",
                        x0, x0, TOP, TOP + PLOT_H, esc(e.entity() + ": " + e.summary())));
                continue;
            }
            String fill = e.type() == EventType.OUTAGE ? "rgba(214,40,40,.3)" : "rgba(240,150,20,.22)";
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                    x0, TOP, Math.max(1.5, x1 - x0), PLOT_H, fill, esc(e.type().json() + " " + EventText.time(e.firstEvidence())
                            + " → " + (e.open() ? "open" : EventText.time(e.lowered())) + ": " + e.summary())));
        }
        // day ticks
        for (long d = Math.floorDiv(t0, 86400) * 86400 + 86400; d < t1; d += 86400) {
            double xd = x(d, t0, t1);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xd, xd, TOP, TOP + PLOT_H, xd, TOP + PLOT_H + 16,
                    DAY.format(Instant.ofEpochSecond(d))));
        }
        // y axis labels
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
                LEFT - 6, TOP + 10, num(maxY), LEFT - 6, TOP + PLOT_H));
        b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>%n",
                TOP + PLOT_H / 2, TOP + PLOT_H / 2, churn ? "updates / bin" : "visible /24s"));
        List<Signal> sig = s.signals();
        if (churn) {
            StringBuilder p = new StringBuilder();
            for (Signal x : sig) {
                long c = x.announcements() + x.withdrawals();
                if (c == 0) continue;
                double xx = x(x.time().getEpochSecond(), t0, t1);
                p.append(String.format(Locale.ROOT, "M%.1f %dV%.1f", xx, TOP + PLOT_H, y(c, maxY)));
            }
            b.append("<path d=\"").append(p).append("\" stroke=\"#555\" stroke-width=\"1\" fill=\"none\"/>\n");
        } else {
            b.append(polyline(sig, t0, t1, maxY, false, "#1f5fbf", 1.6));
            b.append(polyline(sig, t0, t1, maxRight, true, "#7bb36b", 1));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s peers</text><text x=\"%d\" y=\"%d\">0</text>%n",
                    W - RIGHT + 6, TOP + 10, num(maxRight), W - RIGHT + 6, TOP + PLOT_H));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** A step line: each bin's value holds until the next bin. */
    private static String polyline(List<Signal> sig, long t0, long t1, double max, boolean peers, String color, double width) {
        StringBuilder p = new StringBuilder();
        double lastY = Double.NaN;
        for (int i = 0; i < sig.size(); i++) {
            Signal x = sig.get(i);
            double v = peers ? x.peersSeeing() : x.visibleSlash24();
            double xx = x(x.time().getEpochSecond(), t0, t1), yy = y(v, max);
            if (i == 0) p.append(String.format(Locale.ROOT, "%.1f,%.1f", xx, yy));
            else if (yy != lastY) p.append(String.format(Locale.ROOT, " %.1f,%.1f %.1f,%.1f", xx, lastY, xx, yy));
            lastY = yy;
        }
        if (!sig.isEmpty()) p.append(String.format(Locale.ROOT, " %.1f,%.1f", (double) (W - RIGHT), lastY));
        return "<polyline points=\"" + p + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"" + width + "\"/>\n";
    }

    private static double x(long t, long t0, long t1) {
        return LEFT + (double) (t - t0) / Math.max(1, t1 - t0) * (W - LEFT - RIGHT);
    }

    private static double y(double v, double max) {
        return TOP + PLOT_H - Math.min(1, v / max) * (PLOT_H - 4);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
