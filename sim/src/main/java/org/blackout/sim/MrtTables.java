package org.blackout.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.mrt.MrtFiles;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Each real peer's table as it stands at the end of an MRT file (RIB dump or update file):
 * RIB entries and announcements set a route, withdrawals remove it, a session leaving
 * Established clears the peer's table.
 */
public final class MrtTables {
    private MrtTables() {}

    /** The tables, in order of first appearance of each peer, and the time of the last route element. */
    public record Read(List<RealTable> tables, long lastMicros) {}

    /** The tables, in order of first appearance of each peer. */
    public static List<RealTable> read(Path file) throws IOException {
        return readAll(file).tables();
    }

    public static Read readAll(Path file) throws IOException {
        long[] last = {0};
        record Key(IpAddress address, long as) {}
        Map<Key, Map<Prefix, SimPath>> tables = new LinkedHashMap<>();
        Map<PathAttributes, SimPath> cache = new HashMap<>();
        long[] damaged = {0};
        try (InputStream in = MrtFiles.open(file); MrtReader r = new MrtReader(in, file.toString())) {
            r.onError(e -> {
                if (damaged[0]++ < 5) System.err.println("blackout: " + e.getMessage());
            });
            RouteElements flat = new RouteElements();
            MrtRecord rec;
            while ((rec = r.next()) != null) {
                flat.accept(rec, (RouteElement e) -> {
                    if (e.peerAddress() == null) return;
                    last[0] = Math.max(last[0], e.timeMicros());
                    Map<Prefix, SimPath> t = tables.computeIfAbsent(new Key(e.peerAddress(), e.peerAs()), k -> new HashMap<>());
                    switch (e.type()) {
                        case RIB, ANNOUNCE -> {
                            SimPath p = cache.computeIfAbsent(e.attributes(), MrtTables::path);
                            if (p != null) t.put(e.prefix(), p);
                        }
                        case WITHDRAW -> t.remove(e.prefix());
                        case STATE -> {
                            if (e.newState() != 6) t.clear();
                        }
                    }
                });
            }
        }
        List<RealTable> out = new ArrayList<>();
        tables.forEach((k, v) -> {
            if (!v.isEmpty()) out.add(new RealTable((int) k.as(), k.address(), v));
        });
        return new Read(out, last[0]);
    }

    private static SimPath path(PathAttributes a) {
        long[] seq = a.asPath().sequence();
        if (seq.length == 0) return null; // iBGP-learned or damaged: not a route a collector peer would send
        int[] asns = new int[seq.length];
        for (int i = 0; i < seq.length; i++) asns[i] = (int) seq[i];
        Origin o = a.origin();
        return new SimPath(asns, o == null ? 2 : o.value());
    }
}
