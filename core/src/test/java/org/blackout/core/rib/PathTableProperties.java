package org.blackout.core.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.blackout.wire.net.Prefix;

/**
 * Random announce/withdraw/drop-peer/re-sync sequences, with path collection at random points, leave
 * the same routes with the same path contents as a naive model holding each route's hops as a list;
 * reference counts equal the routes using each path, and every live path is used or uncollected.
 */
class PathTableProperties {
    sealed interface Op {}
    record Announce(int peer, int prefix, int path) implements Op {}
    record Withdraw(int peer, int prefix) implements Op {}
    record Drop(int peer) implements Op {}
    record Sync(int peer, int[] prefixes, int path) implements Op {}
    record Collect() implements Op {}
    /** The engine's collection at a bin's end: paths unused since the call before it are kept one round. */
    record CollectAged() implements Op {}

    static final int PEERS = 4, PREFIXES = 12, PATHS = 30;

    static long[] hops(int path) {
        // few distinct paths so that they are shared, freed and come back; some wide ASNs
        return switch (path % 3) {
            case 0 -> new long[] {64500, path};
            case 1 -> new long[] {64500, 70_000L + path, path, path};
            default -> new long[] {4_200_000_000L + path};
        };
    }

    @Property(tries = 300)
    void routesAndPathsMatchANaiveModel(@ForAll("ops") @Size(max = 120) List<Op> ops) {
        RoutingState s = new RoutingState();
        PathTable t = s.paths();
        Map<Long, long[]> model = new HashMap<>(); // peer * PREFIXES + prefix -> hops
        int[] peers = new int[PEERS];
        for (int i = 0; i < PEERS; i++) peers[i] = s.peer(new PeerKey("c", null, 64500 + i));
        for (Op op : ops) {
            switch (op) {
                case Announce a -> {
                    long[] h = hops(a.path());
                    s.announce(peers[a.peer()], prefix(a.prefix()), t.intern(h, new long[] {h[h.length - 1]}));
                    model.put(key(a.peer(), a.prefix()), h);
                }
                case Withdraw w -> {
                    s.withdraw(peers[w.peer()], prefix(w.prefix()));
                    model.remove(key(w.peer(), w.prefix()));
                }
                case Drop d -> {
                    s.dropPeer(peers[d.peer()]);
                    for (int p = 0; p < PREFIXES; p++) model.remove(key(d.peer(), p));
                }
                case Sync y -> {
                    s.beginSync(peers[y.peer()]);
                    long[] h = hops(y.path());
                    for (int p : y.prefixes()) s.announce(peers[y.peer()], prefix(p), t.intern(h, new long[] {h[h.length - 1]}));
                    s.endSync(peers[y.peer()]);
                    for (int p = 0; p < PREFIXES; p++) model.remove(key(y.peer(), p));
                    for (int p : y.prefixes()) model.put(key(y.peer(), p), h);
                }
                case Collect c -> s.collectPaths();
                case CollectAged c -> s.collectAgedPaths();
            }
            check(s, model, peers);
        }
        s.collectPaths();
        check(s, model, peers);
        int used = (int) model.values().stream().map(Arrays::toString).distinct().count();
        assertThat(t.size()).isEqualTo(used); // after a collection, only used paths are left
    }

    private static void check(RoutingState s, Map<Long, long[]> model, int[] peers) {
        PathTable t = s.paths();
        Map<Integer, Integer> uses = new HashMap<>();
        for (int i = 0; i < PEERS; i++) {
            for (int p = 0; p < PREFIXES; p++) {
                long[] want = model.get(key(i, p));
                int pid = s.prefixes().find(prefix(p));
                int path = pid < 0 ? PeerRib.NONE : s.rib(peers[i]).get(pid);
                if (want == null) {
                    assertThat(path).isEqualTo(PeerRib.NONE);
                } else {
                    assertThat(t.isLive(path)).isTrue();
                    assertThat(t.hops(path)).containsExactly(want);
                    assertThat(t.origins(path)).containsExactly(want[want.length - 1]);
                    uses.merge(path, 1, Integer::sum);
                }
            }
        }
        for (int id = 0; id < t.idLimit(); id++) {
            if (t.isLive(id)) assertThat(t.refCount(id)).isEqualTo(uses.getOrDefault(id, 0));
        }
    }

    private static long key(int peer, int prefix) {
        return (long) peer * PREFIXES + prefix;
    }

    private static Prefix prefix(int i) {
        return Prefix.parse("10." + i + ".0.0/16");
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> peer = Arbitraries.integers().between(0, PEERS - 1);
        Arbitrary<Integer> prefix = Arbitraries.integers().between(0, PREFIXES - 1);
        Arbitrary<Integer> path = Arbitraries.integers().between(0, PATHS - 1);
        Arbitrary<Op> announce = Combinators.combine(peer, prefix, path).as(Announce::new);
        Arbitrary<Op> withdraw = Combinators.combine(peer, prefix).as(Withdraw::new);
        Arbitrary<Op> drop = peer.map(Drop::new);
        Arbitrary<Op> sync = Combinators.combine(peer, prefix.set().ofMaxSize(PREFIXES), path)
                .as((p, set, h) -> new Sync(p, set.stream().mapToInt(Integer::intValue).toArray(), h));
        Arbitrary<Op> collect = Arbitraries.just(new Collect());
        Arbitrary<Op> collectAged = Arbitraries.just(new CollectAged());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, announce), net.jqwik.api.Tuple.of(4, withdraw), net.jqwik.api.Tuple.of(1, drop),
                net.jqwik.api.Tuple.of(1, sync), net.jqwik.api.Tuple.of(2, collect),
                net.jqwik.api.Tuple.of(3, collectAged)).list().ofMaxSize(120);
    }
}
