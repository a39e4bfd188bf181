package org.blackout.ingest.replay;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the collector an MRT file came from, from its path, as archives lay files out:
 * {@code .../rrc00/2024.09/updates...} → {@code rrc00}, {@code .../route-views.linx/bgpdata/...} →
 * {@code route-views.linx}, a file named {@code rrc04-updates...} → {@code rrc04}. Otherwise the
 * file's directory name, so a RIB dump and its update files side by side share a collector.
 */
public final class CollectorNames {
    private static final Pattern KNOWN = Pattern.compile("(rrc\\d{2}|route-views[\\w.-]*|routeviews[\\w.-]*)",
            Pattern.CASE_INSENSITIVE);

    private CollectorNames() {}

    public static String of(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path p = abs; p != null && p.getFileName() != null; p = p.getParent()) {
            String name = p.getFileName().toString();
            Matcher m = KNOWN.matcher(name);
            if (m.find() && (p != abs || m.start() == 0)) return m.group(1).toLowerCase();
        }
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null) return parent.getFileName().toString();
        return abs.getFileName().toString();
    }
}
