package org.blackout.core.detect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.blackout.core.engine.Engine;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * The shared real route-views2 days (February 2008, 46 peers, update files only) as a stream for
 * detector tests, with synthetic elements injected in time order: the real background churn stays
 * around whatever a test makes happen.
 */
final class RealDays {
    static final String COLLECTOR = "route-views2";
    private RealDays() {}

    /** Update files of {@code day} (yyyyMMdd) whose name time falls in [fromHour, toHour). */
    static List<Path> files(String day, int fromHour, int toHour) throws IOException {
        Path dir = org.blackout.testkit.Prerequisites.sharedData("mrt/routeviews-2008-02");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("updates." + day + "."))
                    .filter(p -> {
                        int hh = Integer.parseInt(p.getFileName().toString().substring(17, 19));
                        return hh >= fromHour && hh < toHour;
                    })
                    .sorted().toList();
        }
    }

    /** Elements to slip into the stream; {@link #at} is consulted as the stream passes each element. */
    /** Country maps from every shared RIR delegation file: every country can be watched. */
    static org.blackout.core.entity.EntityMaps everyRir() throws IOException {
        org.blackout.core.entity.EntityMaps.Builder b = org.blackout.core.entity.EntityMaps.builder();
        try (var s = java.nio.file.Files.list(org.blackout.testkit.Prerequisites.sharedData("rir"))) {
            for (Path f : s.sorted().toList()) org.blackout.core.entity.EntityFiles.load(f, b);
        }
        return b.build();
    }

    static class Injector {
        final PriorityQueue<RouteElement> queue = new PriorityQueue<>((a, b) -> Long.compare(a.timeMicros(), b.timeMicros()));

        void add(RouteElement e) {
            queue.add(e);
        }

        /** Called before each real element with the engine: a test may plan injections from the state it sees. */
        void at(long timeMicros, Engine engine) {}
    }

    /** Replays the files into the engine, real elements and injected ones merged by time. */
    static void replay(List<Path> files, Engine engine, Injector injector) throws IOException {
        BiConsumer<String, RouteElement> sink = (c, e) -> {
            injector.at(e.timeMicros(), engine);
            while (!injector.queue.isEmpty() && injector.queue.peek().timeMicros() <= e.timeMicros()) {
                engine.accept(COLLECTOR, injector.queue.poll());
            }
            engine.accept(c, e);
        };
        for (Path f : files) {
            InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
            try (MrtReader r = new MrtReader(new BufferedInputStream(new BZip2CompressorInputStream(raw), 1 << 16), f.toString())) {
                RouteElements flat = new RouteElements();
                for (MrtRecord rec; (rec = r.next()) != null; ) flat.accept(rec, e -> sink.accept(COLLECTOR, e));
            }
        }
        while (!injector.queue.isEmpty()) engine.accept(COLLECTOR, injector.queue.poll());
        engine.finish();
    }

    static PathAttributes attrs(long... path) {
        return new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.ofSequence(path), true)), Rfc7606Action.NONE, null);
    }

    static RouteElement announce(long micros, IpAddress peer, long peerAs, Prefix p, long... path) {
        return new RouteElement(micros, ElementType.ANNOUNCE, peer, peerAs, p, 0, attrs(path), 0, 0);
    }

    static RouteElement withdraw(long micros, IpAddress peer, long peerAs, Prefix p) {
        return new RouteElement(micros, ElementType.WITHDRAW, peer, peerAs, p, 0, null, 0, 0);
    }

    static RouteElement state(long micros, IpAddress peer, long peerAs, int oldState, int newState) {
        return new RouteElement(micros, ElementType.STATE, peer, peerAs, null, 0, null, oldState, newState);
    }

    static long micros(String isoTime) {
        java.time.Instant t = java.time.Instant.parse(isoTime);
        return t.getEpochSecond() * 1_000_000L;
    }

    static List<Long> longs(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long x : a) l.add(x);
        return l;
    }
}
