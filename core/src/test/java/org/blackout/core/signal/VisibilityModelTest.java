package org.blackout.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.blackout.core.engine.Engine;
import org.blackout.core.engine.EngineConfig;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.FullFeedPolicy;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/**
 * Visible space from the nesting-forest walk against brute force: every /26 of a /16, seen by a
 * peer when the peer has a route to any prefix covering it. Random nested prefixes and random
 * per-peer tables, seeded so that a failure reproduces.
 */
class VisibilityModelTest {

    @Test
    void forestWalkMatchesBruteForce() {
        for (long seed = 1; seed <= 200; seed++) check(seed);
    }

    private static void check(long seed) {
        Random rnd = new Random(seed);
        int peers = 1 + rnd.nextInt(7);
        int base = IpAddress.parse("10.0.0.0").v4Address();
        List<Prefix> prefixes = new ArrayList<>();
        int n = 1 + rnd.nextInt(25);
        for (int i = 0; i < n; i++) {
            int len = 16 + rnd.nextInt(11);
            prefixes.add(Prefix.v4(base | (rnd.nextInt(1 << 16) & ~((1 << (32 - len)) - 1) & 0xffff), len));
        }
        boolean[][] has = new boolean[peers][prefixes.size()];
        for (int p = 0; p < peers; p++) for (int i = 0; i < prefixes.size(); i++) has[p][i] = rnd.nextInt(3) == 0;

        List<Signal> out = new ArrayList<>();
        EngineConfig cfg = EngineConfig.defaults().withFullFeed(new FullFeedPolicy(0, 1, 1));
        Engine engine = new Engine(cfg, EntityMaps.empty(), Watch.parse(List.of("as:65000")), new EngineListener() {
            @Override public void signal(Signal s) { out.add(s); }
        });
        PathAttributes attrs = new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.parse("1 65000"), true)),
                Rfc7606Action.NONE, null);
        PathAttributes filler = new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.parse("1 2"), true)),
                Rfc7606Action.NONE, null);
        for (int p = 0; p < peers; p++) {
            IpAddress peer = IpAddress.v4(0x0b000000 + p);
            // every peer is full-feed (policy: any table), and the entity's prefixes are known to all
            engine.accept("c", new RouteElement(1_000_000L, ElementType.ANNOUNCE, peer, 1, Prefix.parse("192.0.2.0/24"), 0, filler, 0, 0));
            for (int i = 0; i < prefixes.size(); i++) {
                if (has[p][i]) engine.accept("c", new RouteElement(1_000_000L, ElementType.ANNOUNCE, peer, 1, prefixes.get(i), 0, attrs, 0, 0));
            }
        }
        // prefixes no peer carries still belong to the AS once seen: announce and withdraw them via a spare peer
        IpAddress spare = IpAddress.parse("11.255.255.255");
        for (Prefix pr : prefixes) {
            engine.accept("c", new RouteElement(1_000_000L, ElementType.ANNOUNCE, spare, 9, pr, 0, attrs, 0, 0));
            engine.accept("c", new RouteElement(1_000_000L, ElementType.WITHDRAW, spare, 9, pr, 0, null, 0, 0));
        }
        engine.finish();
        Signal s = out.get(out.size() - 1);

        // brute force over /26 blocks
        double visible = 0;
        for (int block = 0; block < 1024; block++) {
            int addr = base | (block << 6);
            int seeing = 0;
            for (int p = 0; p < peers; p++) {
                boolean sees = false;
                for (int i = 0; i < prefixes.size() && !sees; i++) {
                    Prefix pr = prefixes.get(i);
                    sees = has[p][i] && pr.covers(Prefix.v4(addr, 26));
                }
                if (sees) seeing++;
            }
            boolean member = prefixes.stream().anyMatch(pr -> pr.covers(Prefix.v4(addr, 26)));
            if (member && seeing > 0.5 * peers) visible += 0.25;
        }
        int visiblePrefixes = 0, peersSeeing = 0;
        List<Prefix> distinct = prefixes.stream().distinct().toList();
        for (Prefix pr : distinct) {
            int c = 0;
            for (int p = 0; p < peers; p++) {
                boolean any = false;
                for (int i = 0; i < prefixes.size(); i++) any |= has[p][i] && prefixes.get(i).equals(pr);
                if (any) c++;
            }
            if (c > 0.5 * peers) visiblePrefixes++;
        }
        for (int p = 0; p < peers; p++) {
            boolean any = false;
            for (boolean b : has[p]) any |= b;
            if (any) peersSeeing++;
        }
        assertThat(s.visibleSlash24()).as("seed %d", seed).isEqualTo(visible);
        assertThat(s.visiblePrefixes()).as("seed %d", seed).isEqualTo(visiblePrefixes);
        assertThat(s.peersSeeing()).as("seed %d", seed).isEqualTo(peersSeeing);
        assertThat(s.fullFeedPeers()).as("seed %d", seed).isEqualTo(peers);
    }
}
