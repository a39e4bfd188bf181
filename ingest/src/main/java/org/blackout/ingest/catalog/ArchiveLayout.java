package org.blackout.ingest.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How collectors and archives name MRT files: the one place for file names. Files are named by the
 * start of their interval in UTC, {@code <kind>.YYYYMMDD.HHMM<suffix>}, where the kind is
 * {@code bview} (a RIS RIB), {@code rib} (a RouteViews RIB) or {@code updates}. Archives file them by month:
 * <ul>
 * <li>RIS: {@code <rrcNN>/<YYYY.MM>/{bview|updates}.<YYYYMMDD>.<HHMM>.gz};</li>
 * <li>RouteViews: {@code <collector>/bgpdata/<YYYY.MM>/{RIBS/rib|UPDATES/updates}.<YYYYMMDD>.<HHMM>.bz2};
 * route-views2 also under the older {@code bgpdata/<YYYY.MM>/...} without the collector.</li>
 * </ul>
 * Blackout's own MRT archive (collect) and the simulator write the same names, so a replay of their
 * output names collectors and times as it does for the public archives.
 */
public final class ArchiveLayout {
    /** What a file holds: a routing table dump or the update messages of an interval. */
    public enum Kind { RIB, UPDATES }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd.HHmm").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(bview|rib|updates)\\.(\\d{8}\\.\\d{4})(\\.gz|\\.bz2|\\.zst)?");
    private static final Pattern COLLECTOR = Pattern.compile("(rrc\\d{2}|route-views[\\w.-]*|routeviews[\\w.-]*)",
            Pattern.CASE_INSENSITIVE);

    private ArchiveLayout() {}

    /** {@code bview.20100227.1600.gz}: RIS calls a RIB a bview, RouteViews a rib. */
    public static String fileName(Project project, Kind kind, Instant start, String suffix) {
        String prefix = kind == Kind.UPDATES ? "updates." : project == Project.RIS ? "bview." : "rib.";
        return prefix + STAMP.format(start) + suffix;
    }

    /**
     * The paths of a collector's file relative to its project's base URL, the preferred first; later ones
     * are older layouts tried when the first is not there (route-views2's {@code bgpdata/} without prefix).
     */
    public static List<String> remotePaths(Collector c, Kind kind, Instant start) {
        return remotePaths(c, kind, start, c.project().suffix());
    }

    /** As {@link #remotePaths(Collector, Kind, Instant)} for a file compressed otherwise than the project's default. */
    public static List<String> remotePaths(Collector c, Kind kind, Instant start, String suffix) {
        String name = fileName(c.project(), kind, start, suffix);
        String month = MONTH.format(start);
        return switch (c.project()) {
            case RIS -> List.of(c.name() + "/" + month + "/" + name);
            case ROUTEVIEWS -> {
                String tail = "bgpdata/" + month + "/" + (kind == Kind.RIB ? "RIBS/" : "UPDATES/") + name;
                yield c.name().equals("route-views2") ? List.of(c.name() + "/" + tail, tail) : List.of(c.name() + "/" + tail);
            }
        };
    }

    /**
     * The directories of a collector's month that list its files of {@code kind}, relative to the base URL,
     * the preferred first (RIS keeps RIBs and updates in one directory, RouteViews in RIBS/ and UPDATES/).
     */
    public static List<String> monthDirectories(Collector c, Kind kind, java.time.YearMonth month) {
        String m = String.format(java.util.Locale.ROOT, "%04d.%02d", month.getYear(), month.getMonthValue());
        return switch (c.project()) {
            case RIS -> List.of(c.name() + "/" + m + "/");
            case ROUTEVIEWS -> {
                String tail = "bgpdata/" + m + "/" + (kind == Kind.RIB ? "RIBS/" : "UPDATES/");
                yield c.name().equals("route-views2") ? List.of(c.name() + "/" + tail, tail) : List.of(c.name() + "/" + tail);
            }
        };
    }

    /** RouteViews' month layout under a local root, as Blackout's own archive writes it: {@code YYYY.MM/UPDATES/updates...}. */
    public static Path monthFile(Path root, Kind kind, Instant start, String suffix) {
        return root.resolve(MONTH.format(start)).resolve(kind == Kind.RIB ? "RIBS" : "UPDATES")
                .resolve(fileName(Project.ROUTEVIEWS, kind, start, suffix));
    }

    /** Start of the window of {@code intervalSeconds} holding {@code seconds}, aligned to the epoch (so to the hour). */
    public static long window(long seconds, long intervalSeconds) {
        return Math.floorDiv(seconds, intervalSeconds) * intervalSeconds;
    }

    /** The kind and interval start a file's name gives ({@code updates.20080221.0013.bz2}), if it follows the layout. */
    public static Optional<Named> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        try {
            Instant t = LocalDateTime.parse(m.group(2), DateTimeFormatter.ofPattern("yyyyMMdd.HHmm")).toInstant(ZoneOffset.UTC);
            return Optional.of(new Named(m.group(1).equals("updates") ? Kind.UPDATES : Kind.RIB, t,
                    m.group(3) == null ? "" : m.group(3)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What a file name says: its kind and the start of its interval. */
    public record Named(Kind kind, Instant start, String suffix) {}

    /**
     * Names the collector an MRT file came from, from its path, as archives lay files out:
     * {@code .../rrc00/2024.09/updates...} → {@code rrc00}, {@code .../route-views.linx/bgpdata/...} →
     * {@code route-views.linx}, a file named {@code rrc04-updates...} → {@code rrc04}. Otherwise the
     * file's directory name, so a RIB dump and its update files side by side share a collector.
     */
    public static String collectorOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path p = abs; p != null && p.getFileName() != null; p = p.getParent()) {
            String name = p.getFileName().toString();
            Matcher m = COLLECTOR.matcher(name);
            if (m.find() && (p != abs || m.start() == 0)) return m.group(1).toLowerCase();
        }
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null) return parent.getFileName().toString();
        return abs.getFileName().toString();
    }
}
