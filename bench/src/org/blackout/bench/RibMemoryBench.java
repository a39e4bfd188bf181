package org.blackout.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.core.rib.PeerKey;
import org.blackout.core.rib.RoutingState;
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
 * Heap retained per (peer, prefix) route, measured after GC: builds {@code routes} routes over
 * full-feed peers sharing one table of prefixes (plus a few partial peers), with AS paths shaped
 * like real ones (a peer reaches all prefixes of one origin over one path, so distinct paths ≈
 * peers × origins), then reports used heap after full GCs minus the baseline.
 *
 * <p>Usage: {@code RibMemoryBench [routes=10000000] [peers=10] [mode=state|engine]}. "engine" feeds
 * route elements through the whole {@link Engine} watching all ASes, so entity membership counts too.
 */
public final class RibMemoryBench {
    public static void main(String[] args) {
        long routes = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int fullPeers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String mode = args.length > 2 ? args[2] : "state";
        int partialPeers = 4;
        int prefixes = (int) (routes / (fullPeers + partialPeers * 0.05));
        int origins = Math.max(1000, prefixes / 13); // about 75k origin ASes for 1M prefixes, as today

        long base = usedAfterGc();
        long t0 = System.nanoTime();
        Object keep;
        RoutingState state;
        if (mode.equals("engine")) {
            Engine engine = new Engine(EngineConfig.defaults().withFullFeed(FullFeedPolicy.defaults()), EntityMaps.empty(),
                    Watch.parse(List.of("all-ases")), new EngineListener() {});
            fill(fullPeers, partialPeers, prefixes, origins, (peer, peerAs, prefix, path) -> engine.accept("bench",
                    new RouteElement(1_000_000_000_000_000L, ElementType.RIB, peer, peerAs, prefix, 0, attrs(path), 0, 0)));
            long f0 = System.nanoTime();
            engine.finish();
            System.out.printf(Locale.ROOT, "closing the bin (signals for %d ASes): %.2f s%n", engine.entities().size(),
                    (System.nanoTime() - f0) / 1e9);
            keep = engine;
            state = engine.routing();
        } else {
            RoutingState s = new RoutingState();
            fill(fullPeers, partialPeers, prefixes, origins, (peer, peerAs, prefix, path) -> {
                AsPath p = AsPath.ofSequence(path);
                s.announce(s.peer(new PeerKey("bench", peer, peerAs)), prefix, s.paths().intern(p.sequence(), p.origins()));
            });
            keep = s;
            state = s;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long used = usedAfterGc() - base;
        long n = state.routeCount();
        System.out.printf(Locale.ROOT, "mode=%s routes=%d peers=%d prefixes=%d paths=%d%n", mode, n, state.peerCount(),
                state.prefixes().size(), state.paths().size());
        System.out.printf(Locale.ROOT, "retained heap after GC: %.1f MiB = %.2f bytes/route (build %.1f s)%n",
                used / 1048576.0, (double) used / n, secs);
        System.out.printf(Locale.ROOT, "  of which: prefix table ~%.1f MiB, path table ~%.1f MiB, peer bitmap ~%.1f MiB%n",
                state.prefixes().approximateBytes() / 1048576.0, state.paths().approximateBytes() / 1048576.0,
                state.peerBits().approximateBytes() / 1048576.0);
        if (keep.hashCode() == 42) System.out.print(""); // keep the state reachable until measured
    }

    interface RouteSink {
        void route(IpAddress peer, long peerAs, Prefix prefix, long[] path);
    }

    static PathAttributes attrs(long[] path) {
        return new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.ofSequence(path), true)), Rfc7606Action.NONE, null);
    }

    static void fill(int fullPeers, int partialPeers, int prefixes, int origins, RouteSink sink) {
        for (int peer = 0; peer < fullPeers + partialPeers; peer++) {
            IpAddress addr = IpAddress.v4(0x0a000000 + peer);
            long peerAs = 64_512 + peer;
            boolean partial = peer >= fullPeers;
            SplittableRandom pick = new SplittableRandom(1000 + peer);
            long[] path = null;
            int lastOrigin = -1;
            for (int i = 0; i < prefixes; i++) {
                if (partial && pick.nextInt(20) != 0) continue;
                int origin = originOf(i, origins);
                if (origin != lastOrigin) {
                    path = pathTo(peer, peerAs, origin);
                    lastOrigin = origin;
                }
                sink.route(addr, peerAs, prefix(i), path);
            }
        }
    }

    /** Prefix i: spread over the IPv4 space, lengths /16–/24 weighted towards /24 as in real tables. */
    static Prefix prefix(int i) {
        long h = mix(i);
        int r = (int) ((h >>> 40) % 100);
        int len = r < 60 ? 24 : r < 70 ? 23 : r < 80 ? 22 : 16 + (r % 6);
        int addr = (int) (0x01000000L + (h & 0xffffffffL) % 0xdf000000L);
        return Prefix.v4(addr, len);
    }

    /** Consecutive prefixes share origins in runs, as an AS's prefixes do. */
    static int originOf(int i, int origins) {
        return (int) (mix(i / 8) % origins);
    }

    /** A peer's path to an origin: the peer, one or two transit ASes picked per (peer, origin), the origin. */
    static long[] pathTo(int peer, long peerAs, int origin) {
        long h = mix(((long) peer << 32) | origin);
        long t1 = 1000 + (h & 0xff), t2 = 2000 + ((h >>> 8) & 0xfff);
        long o = 10_000 + origin;
        return (h >>> 60) < 6 ? new long[] {peerAs, t1, o} : new long[] {peerAs, t1, t2, o};
    }

    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return (x ^ (x >>> 31)) & Long.MAX_VALUE;
    }


    /** AS paths and prefixes some route still uses: what compaction could give back is the rest. */
    record InUse(int paths, int prefixes) {}

    static InUse inUse(org.blackout.core.rib.RoutingState r) {
        java.util.BitSet paths = new java.util.BitSet(), prefixes = new java.util.BitSet();
        for (int p = 0; p < r.peerCount(); p++) {
            r.rib(p).forEach((prefix, path) -> {
                paths.set(path);
                prefixes.set(prefix);
            });
        }
        return new InUse(paths.cardinality(), prefixes.cardinality());
    }
    static long usedAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        long prev = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long u = mem.getHeapMemoryUsage().getUsed();
            if (Math.abs(prev - u) < (1 << 20) && i >= 2) return u;
            prev = u;
        }
        return prev;
    }
}
