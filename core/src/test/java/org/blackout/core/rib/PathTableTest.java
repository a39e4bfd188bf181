package org.blackout.core.rib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** Reference counts, freeing, id reuse and pool compaction of {@link PathTable}. */
class PathTableTest {

    private static final Prefix P1 = Prefix.parse("192.0.2.0/24");
    private static final Prefix P2 = Prefix.parse("198.51.100.0/24");

    @Test
    void routesCountTheirPathAndAnUnusedPathIsFreedAtCollection() {
        RoutingState s = new RoutingState();
        PathTable t = s.paths();
        int a = t.intern(new long[] {64500, 3356, 15169}, new long[] {15169});
        int peer = s.peer(new PeerKey("c", null, 64500));
        s.announce(peer, P1, a);
        s.announce(peer, P2, a);
        assertThat(t.refCount(a)).isEqualTo(2);
        assertThat(s.collectPaths()).isZero();
        s.withdraw(peer, P1);
        assertThat(t.refCount(a)).isEqualTo(1);
        assertThat(s.collectPaths()).isZero();
        int b = t.intern(new long[] {64500, 174}, new long[] {174});
        s.announce(peer, P2, b); // replaces a: a has no route left
        assertThat(t.refCount(a)).isZero();
        assertThat(t.refCount(b)).isEqualTo(1);
        assertThat(t.isLive(a)).isTrue(); // not before the safe point
        assertThat(s.collectPaths()).isEqualTo(1);
        assertThat(t.isLive(a)).isFalse();
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.hops(b)).containsExactly(64500L, 174L);
    }

    @Test
    void aFreedIdIsReusedAndTheListenersHearOfItFirst() {
        PathTable t = new PathTable();
        List<Integer> heard = new ArrayList<>();
        t.onFree(heard::add);
        int a = t.intern(new long[] {1, 2, 3}, new long[] {3});
        int b = t.intern(new long[] {1, 4}, new long[] {4});
        t.retain(b);
        assertThat(t.collect()).isEqualTo(1); // a was interned but never used
        assertThat(heard).containsExactly(a);
        int c = t.intern(new long[] {7, 8, 9}, new long[] {9});
        assertThat(c).isEqualTo(a);
        assertThat(t.hops(c)).containsExactly(7L, 8L, 9L);
        assertThat(t.intern(new long[] {1, 4}, new long[] {4})).isEqualTo(b);
        assertThat(t.intern(new long[] {1, 2, 3}, new long[] {3})).isNotIn(b, c); // interned afresh
        assertThat(t.idLimit()).isEqualTo(3);
    }

    @Test
    void pathsFreedAndInternedOverManyRoundsKeepTheirIdsThroughTombstonesAndRehashes() {
        PathTable t = new PathTable();
        java.util.Random rnd = new java.util.Random(7);
        java.util.Map<Integer, Integer> idOf = new java.util.HashMap<>(); // path number -> id, while used
        for (int round = 0; round < 40; round++) {
            for (int k = 0; k < 5_000; k++) {
                int n = rnd.nextInt(60_000);
                int id = t.intern(path(n), new long[] {100_000L + n});
                Integer had = idOf.putIfAbsent(n, id);
                if (had != null) assertThat(id).isEqualTo(had);
                else t.retain(id);
            }
            // drop about half of the used paths, then collect: their slots become tombstones
            for (var it = idOf.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (rnd.nextBoolean()) {
                    t.release(e.getValue());
                    it.remove();
                }
            }
            t.collect();
            assertThat(t.size()).isEqualTo(idOf.size());
        }
        for (var e : idOf.entrySet()) {
            int n = e.getKey();
            assertThat(t.intern(path(n), new long[] {100_000L + n})).isEqualTo(e.getValue());
            assertThat(t.hops(e.getValue())).containsExactly(path(n));
        }
    }

    @Test
    void anAgedCollectionKeepsAPathOneMoreRoundSoThatAFlapFindsItsId() {
        PathTable t = new PathTable();
        int a = t.intern(new long[] {1, 2, 3}, new long[] {3});
        int b = t.intern(new long[] {1, 4}, new long[] {4});
        t.retain(a);
        t.retain(b);
        t.release(a); // a flap: withdrawn...
        t.release(b); // ...and b gone for good
        assertThat(t.collectAged()).isZero();
        assertThat(t.isLive(a)).isTrue();
        assertThat(t.isLive(b)).isTrue();
        t.retain(a); // ...and announced again in the next bin, under the same id
        assertThat(t.intern(new long[] {1, 2, 3}, new long[] {3})).isEqualTo(a);
        assertThat(t.collectAged()).isEqualTo(1);
        assertThat(t.isLive(a)).isTrue();
        assertThat(t.isLive(b)).isFalse();
        int c = t.intern(new long[] {9}, new long[] {9}); // new, unused: freed two aged rounds later
        assertThat(t.collectAged()).isZero();
        assertThat(t.collectAged()).isEqualTo(1);
        assertThat(t.isLive(c)).isFalse();
        t.release(a);
        assertThat(t.collect()).as("a full collection frees the unused at once").isEqualTo(1);
        assertThat(t.size()).isZero();
    }

    @Test
    void compactionMovesOnlyThePoolAndKeepsLiveIdsAndContents() {
        PathTable t = new PathTable();
        int n = 40_000;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = t.intern(path(i), new long[] {100_000L + i});
            if (i % 3 == 0) t.retain(ids[i]);
        }
        long before = t.approximateBytes();
        assertThat(t.collect()).isEqualTo(n - (n + 2) / 3);
        assertThat(t.garbageBytes()).isZero(); // two thirds dead: compacted
        assertThat(t.approximateBytes()).isLessThan(before);
        for (int i = 0; i < n; i += 3) {
            assertThat(t.hops(ids[i])).containsExactly(path(i));
            assertThat(t.origins(ids[i])).containsExactly(100_000L + i);
            assertThat(t.intern(path(i), new long[] {100_000L + i})).isEqualTo(ids[i]);
        }
        assertThat(t.size()).isEqualTo((n + 2) / 3);
    }

    @Test
    void widthsOfEveryAsnSizeRoundTrip() {
        PathTable t = new PathTable();
        long[][] paths = {{}, {0}, {65535}, {65536, 1}, {16_777_215L}, {16_777_216L}, {4_294_967_295L, 3}, {1, 2, 4_200_000_000L}};
        int[] ids = new int[paths.length];
        for (int i = 0; i < paths.length; i++) {
            long[] origin = paths[i].length == 0 ? new long[0] : new long[] {paths[i][paths[i].length - 1]};
            ids[i] = t.intern(paths[i], origin);
            assertThat(t.hops(ids[i])).containsExactly(paths[i]);
            assertThat(t.origins(ids[i])).containsExactly(origin);
        }
        long[] longPath = new long[300]; // a count beyond one varint byte
        for (int i = 0; i < longPath.length; i++) longPath[i] = 70_000 + i % 3;
        long[] set = new long[200];
        for (int i = 0; i < set.length; i++) set[i] = i;
        int l = t.intern(longPath, set);
        assertThat(t.hopCount(l)).isEqualTo(300);
        assertThat(t.hops(l)).containsExactly(longPath);
        assertThat(t.origins(l)).containsExactly(set);
        assertThat(t.intern(longPath.clone(), set.clone())).isEqualTo(l);
        t.retain(l);
        t.collect();
        assertThat(t.hops(l)).containsExactly(longPath);
    }

    @Test
    void releasingAnUnusedPathIsAnError() {
        PathTable t = new PathTable();
        int a = t.intern(new long[] {1}, new long[] {1});
        assertThatThrownBy(() -> t.release(a)).isInstanceOf(IllegalStateException.class).hasMessageContaining("path " + a);
    }

    @Test
    void droppingAPeerAndEndingASyncReleaseTheirRoutesPaths() {
        RoutingState s = new RoutingState();
        PathTable t = s.paths();
        int a = t.intern(new long[] {1, 2}, new long[] {2});
        int b = t.intern(new long[] {1, 3}, new long[] {3});
        int p1 = s.peer(new PeerKey("c", null, 1)), p2 = s.peer(new PeerKey("c", null, 11));
        s.announce(p1, P1, a);
        s.announce(p2, P1, b);
        s.announce(p2, P2, b);
        s.dropPeer(p1);
        s.beginSync(p2);
        s.announce(p2, P2, b);
        s.endSync(p2); // P1 not re-announced: gone
        assertThat(t.refCount(a)).isZero();
        assertThat(t.refCount(b)).isEqualTo(1);
        assertThat(s.collectPaths()).isEqualTo(1);
        assertThat(t.isLive(b)).isTrue();
    }

    static long[] path(int i) {
        return new long[] {3356, 1000 + i % 50_000, 100_000L + i};
    }
}
