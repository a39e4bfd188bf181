package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blackout.core.policy.Relation.CUSTOMER_OF;
import static org.blackout.core.policy.Relation.PEER;
import static org.blackout.core.policy.Relation.PROVIDER_OF;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.blackout.wire.bgp.AsPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ValleyFreeTest {
    /*
     *        10 ---peer--- 40 ---peer--- 70
     *        |             |
     *        20            50           80    81      555 -> 556 (556 is 555's provider)
     *        |             |             \   /
     *        30            60             90
     */
    static final AsRelationships RELS = AsRelationships.builder()
            .add(10, 20, PROVIDER_OF).add(20, 30, PROVIDER_OF)
            .add(40, 50, PROVIDER_OF).add(50, 60, PROVIDER_OF)
            .add(10, 40, PEER).add(40, 70, PEER)
            .add(80, 90, PROVIDER_OF).add(81, 90, PROVIDER_OF)
            .add(555, 556, CUSTOMER_OF)
            .build();
    static final ValleyFree VF = new ValleyFree(RELS);

    private static Leak check(long... path) {
        return VF.check(path);
    }

    @Test
    void upPeerDownIsClean() {
        assertThat(check(60, 50, 40, 10, 20, 30)).isNull();
        assertThat(check(10, 20, 30)).as("up only").isNull();
        assertThat(check(30, 20, 10)).as("down only").isNull();
        assertThat(check(50, 40, 10)).as("peer then down").isNull();
        assertThat(check(40, 10, 20, 30)).as("up then peer").isNull();
        assertThat(check(81, 90)).as("too short for a valley").isNull();
        assertThat(check()).isNull();
        assertThat(check(30)).isNull();
    }

    @Test
    void peerThenPeerIsALateralLeak() {
        assertThat(check(70, 40, 10, 20)).isEqualTo(new Leak(1, 40, 70, 10, Leak.Kind.LATERAL));
        assertThat(Leak.Kind.LATERAL.rfc7908Type()).isEqualTo(2);
    }

    @Test
    void downThenUpIsAHairpin() {
        assertThat(check(81, 90, 80)).isEqualTo(new Leak(1, 90, 81, 80, Leak.Kind.HAIRPIN));
        // the customer's own routes going up the other side are fine
        assertThat(check(81, 90)).isNull();
        assertThat(check(80, 90)).isNull();
    }

    @Test
    void providerRoutesToAPeer() {
        // 2 learns its provider's route and passes it to its peer 3
        AsRelationships r = AsRelationships.builder().add(1, 2, PROVIDER_OF).add(2, 3, PEER).build();
        assertThat(new ValleyFree(r).check(new long[] {3, 2, 1})).isEqualTo(new Leak(1, 2, 3, 1, Leak.Kind.PROVIDER_TO_PEER));
        assertThat(Leak.Kind.PROVIDER_TO_PEER.rfc7908Type()).isEqualTo(3);
    }

    @Test
    void prependsAreCollapsed() {
        assertThat(check(81, 81, 90, 90, 90, 80, 80)).isEqualTo(new Leak(2, 90, 81, 80, Leak.Kind.HAIRPIN));
        assertThat(check(60, 60, 50, 40, 40, 40, 10, 20, 30, 30, 30)).isNull();
        assertThat(check(30, 30, 30)).isNull();
    }

    @Test
    void unknownLinksAreNoEvidence() {
        assertThat(check(999, 998, 997, 996)).isNull();
        assertThat(check(999, 60, 50, 40, 10, 20, 30, 998)).as("unknown at both ends").isNull();
        assertThat(check(60, 50, 999, 10, 20, 30)).as("unknown in the middle of a clean path").isNull();
        // down, unknown, up: a valley for sure, its exact place unknown
        assertThat(check(556, 555, 90, 80)).isEqualTo(new Leak(1, 555, 556, 90, Leak.Kind.ACROSS_UNKNOWN));
        assertThat(Leak.Kind.ACROSS_UNKNOWN.rfc7908Type()).isZero();
    }

    @Test
    void poisonedPathsAreNotJudged() {
        // 80 poisons 81 (puts it in its own path) so that 81 drops the route: a valley by construction
        assertThat(check(81, 90, 80, 81)).isNull();
        assertThat(check(81, 90, 80, 80)).isEqualTo(new Leak(1, 90, 81, 80, Leak.Kind.HAIRPIN));
    }

    @Test
    void theFirstLeakFromTheOriginIsReported() {
        // 90 hairpins 80's route to 81; then, had 81 peers, more valleys would follow
        AsRelationships r = AsRelationships.builder().add(80, 90, PROVIDER_OF).add(81, 90, PROVIDER_OF).add(81, 82, PEER).add(82, 83, PEER).build();
        assertThat(new ValleyFree(r).check(new long[] {83, 82, 81, 90, 80})).isEqualTo(new Leak(3, 90, 81, 80, Leak.Kind.HAIRPIN));
    }

    /** Google's 2017 leak of NTT OCN's routes (AS4713), seen as ... 701 15169 4713 ... */
    @Test
    void google2017() {
        AsRelationships asProvider = AsRelationships.builder()
                .add(15169, 4713, PEER).add(701, 15169, PROVIDER_OF).add(4713, 2519, PROVIDER_OF).add(7018, 701, PEER).build();
        long[] path = {7018, 701, 15169, 4713, 2519};
        assertThat(new ValleyFree(asProvider).check(path)).isEqualTo(new Leak(2, 15169, 701, 4713, Leak.Kind.PEER_TO_PROVIDER));
        AsRelationships asPeer = AsRelationships.builder().add(15169, 4713, PEER).add(701, 15169, PEER).add(4713, 2519, PROVIDER_OF).build();
        assertThat(new ValleyFree(asPeer).check(path)).isEqualTo(new Leak(2, 15169, 701, 4713, Leak.Kind.LATERAL));
        // the same routes learned over the peering and kept to Google's customers are fine
        AsRelationships withCustomer = AsRelationships.builder().add(15169, 4713, PEER).add(15169, 36040, PROVIDER_OF).add(4713, 2519, PROVIDER_OF).build();
        assertThat(new ValleyFree(withCustomer).check(new long[] {36040, 15169, 4713, 2519})).isNull();
    }

    @Test
    void decodedPathsSkipAsSets() {
        AsPath path = new AsPath(List.of(
                new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {70, 40}),
                new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {10, 20}),
                new AsPath.Segment(AsPath.SegmentType.AS_SET, new long[] {30, 31})));
        assertThat(VF.check(path)).isEqualTo(new Leak(1, 40, 70, 10, Leak.Kind.LATERAL));
        assertThat(VF.check(AsPath.ofSequence(81, 90, 80))).isEqualTo(new Leak(1, 90, 81, 80, Leak.Kind.HAIRPIN));
        assertThat(VF.check(AsPath.EMPTY)).isNull();
        assertThat(VF.check(new long[] {81, 90, 80, 0, 0}, 3)).as("a prefix of a reused buffer").isNotNull();
    }

    /**
     * AS3856's full table of 2015 (bgpdump's text of it, in the shared data) against the 2013
     * thunderwolf graph: North Korea's path is clean, and leaks are a small minority of paths
     * (0.35% when written: the graph is two years older than the table).
     */
    @Test
    void realFullTableAgainstTheRealGraph() throws IOException {
        Path rel = Fixtures.shared("asrel/thunderwolf-whole-internet-rel.txt").orElse(null);
        Path table = Fixtures.shared("mrt/bgpdump/test_expect/updates.et-header.2015.gz.bgp.gz").orElse(null);
        Assumptions.assumeTrue(rel != null && table != null, "shared data absent (system property blackout.shared): skipping the real-path check");
        ValleyFree vf = new ValleyFree(AsRelationships.read(rel, AsRelFormat.CUSTOMER_POSITIVE));
        Set<String> distinct = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(table)), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\\|", 8);
                if (f.length > 6 && f[2].equals("A")) distinct.add(f[6]);
            }
        }
        int leaks = 0;
        Map<Leak.Kind, Integer> kinds = new EnumMap<>(Leak.Kind.class);
        for (String text : distinct) {
            long[] path = Arrays.stream(text.split(" ")).filter(h -> !h.isEmpty() && !h.startsWith("{")).mapToLong(Long::parseLong).toArray();
            Leak leak = vf.check(path);
            if (leak == null) continue;
            leaks++;
            kinds.merge(leak.kind(), 1, Integer::sum);
            assertThat(path[leak.index()]).isEqualTo(leak.leaker());
            assertThat(vf.check(Arrays.copyOfRange(path, leak.index(), path.length))).as("the leak needs what lies before the leaker").isNull();
        }
        System.err.printf("valley-free on AS3856 2015: %,d distinct paths, %,d flagged (%.2f%%) %s%n", distinct.size(), leaks, 100.0 * leaks / distinct.size(), kinds);
        assertThat(distinct).hasSizeGreaterThan(50_000);
        assertThat(vf.check(new long[] {3856, 2914, 1239, 4837, 131279})).as("North Korea through China Unicom").isNull();
        assertThat(leaks).as("0.35%% when written").isLessThan(distinct.size() / 50);
    }

    /** The hot path allocates nothing for clean paths (HotSpot's per-thread allocation counter). */
    @Test
    void cleanPathsAllocateNothing() {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[][] paths = {{60, 50, 40, 10, 20, 30}, {999, 60, 50, 40, 10, 20, 30, 998}, {30, 30, 20, 10}};
        int leaks = 0;
        for (int i = 0; i < 200_000; i++) if (VF.check(paths[i % 3]) != null) leaks++; // warm up, JIT
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) if (VF.check(paths[i % 3]) != null) leaks++;
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertThat(leaks).isZero();
        assertThat(allocated).as("bytes allocated by a million checks").isLessThan(100_000);
    }
}
