package org.blackout.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.signal.Watch;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * A small synthetic collector for detector tests: {@code peers} full-feed peers carrying the same
 * table, each re-announcing an unrelated prefix every 15 minutes so none goes silent; the test
 * adds what happens. Times are seconds after 2020-01-01T00:00Z.
 */
final class World {
    static final long T0 = 1_577_836_800L;
    static final String TARGET_PATH = "3356 65010 65001";
    final int peers;
    final long end;
    final List<RouteElement> elements = new ArrayList<>();
    private long seq;
    private final List<Long> order = new ArrayList<>();

    World(int peers, long endSeconds) {
        this.peers = peers;
        this.end = endSeconds;
        for (int p = 0; p < peers; p++) {
            rib(0, p, "10.1.0.0/16", TARGET_PATH);
            rib(0, p, "10.2.0.0/24", TARGET_PATH);
            rib(0, p, "10.9.0.0/16", "3356 65002");
            rib(0, p, "10.8.0.0/16", "174 65003");
            // filler, so that losing the target's routes leaves a peer's table full enough to stay full-feed
            for (int i = 0; i < 30; i++) rib(0, p, "10.100." + i + ".0/24", "174 65004");
        }
        for (long t = 900; t < endSeconds; t += 900) {
            for (int p = 0; p < peers; p++) announce(t + p, p, "10.9.0.0/16", "3356 65002");
        }
    }

    static String peerAddress(int p) {
        return "192.0.2." + (p + 1);
    }

    static long peerAs(int p) {
        return 64500 + p;
    }

    World rib(long t, int p, String prefix, String path) {
        return add(new RouteElement((T0 + t) * 1_000_000L, ElementType.RIB, IpAddress.parse(peerAddress(p)), peerAs(p),
                Prefix.parse(prefix), 0, attrs(peerAs(p) + " " + path), 0, 0));
    }

    World announce(long t, int p, String prefix, String path) {
        return add(new RouteElement((T0 + t) * 1_000_000L, ElementType.ANNOUNCE, IpAddress.parse(peerAddress(p)), peerAs(p),
                Prefix.parse(prefix), 0, attrs(peerAs(p) + " " + path), 0, 0));
    }

    World withdraw(long t, int p, String prefix) {
        return add(new RouteElement((T0 + t) * 1_000_000L, ElementType.WITHDRAW, IpAddress.parse(peerAddress(p)), peerAs(p),
                Prefix.parse(prefix), 0, null, 0, 0));
    }

    World state(long t, int p, int oldState, int newState) {
        return add(new RouteElement((T0 + t) * 1_000_000L, ElementType.STATE, IpAddress.parse(peerAddress(p)), peerAs(p),
                null, 0, null, oldState, newState));
    }

    /** Re-sends the peer's whole table (after a session comes back). */
    World table(long t, int p) {
        announce(t, p, "10.1.0.0/16", TARGET_PATH);
        announce(t, p, "10.2.0.0/24", TARGET_PATH);
        announce(t, p, "10.9.0.0/16", "3356 65002");
        return announce(t, p, "10.8.0.0/16", "174 65003");
    }

    private World add(RouteElement e) {
        elements.add(e);
        order.add(seq++);
        return this;
    }

    private static PathAttributes attrs(String path) {
        return new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.parse(path), true)), Rfc7606Action.NONE, null);
    }

    /** Replays the world in time order (stable for equal times) with the detectors; returns every event. */
    List<Event> run(DetectorConfig config, String watch) {
        List<RouteElement> sorted = new ArrayList<>(elements);
        sorted.sort(Comparator.comparingLong(RouteElement::timeMicros));
        EventLog log = new EventLog();
        EngineConfig ec = EngineConfig.defaults();
        Watch w = Watch.parse(List.of(watch));
        Detectors d = new Detectors(config, ec.binMicros(), w.entities(), log);
        Engine engine = new Engine(ec, EntityMaps.empty(), w, d);
        for (RouteElement e : sorted) engine.accept("test", e);
        engine.finish();
        d.finish();
        return log.events();
    }
}
