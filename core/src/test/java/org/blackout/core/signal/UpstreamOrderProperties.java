package org.blackout.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The upstream list's order (largest share first, then lowest ASN) comes from sorting packed
 * (count, ASN) keys as primitives: it must be the order the shares themselves give, ties and
 * 32-bit ASNs included, and decode back to the same counts and ASNs.
 */
class UpstreamOrderProperties {

    record Count(int count, long asn) {}

    @Provide
    Arbitrary<Count> counts() {
        // few distinct counts and ASNs, so ties in share and in ASN both happen; ASNs up to 2^32 - 1
        Arbitrary<Integer> count = Arbitraries.oneOf(Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, Integer.MAX_VALUE));
        Arbitrary<Long> asn = Arbitraries.oneOf(Arbitraries.longs().between(0, 8),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL));
        return Combinators.combine(count, asn).as(Count::new);
    }

    @Property
    void packedKeysSortAsTheSharesDo(@ForAll @Size(max = 40) List<@From("counts") Count> counts) {
        long total = Math.max(1, counts.stream().mapToLong(Count::count).sum() % Integer.MAX_VALUE);
        List<Upstream> byShare = new ArrayList<>();
        for (Count c : counts) byShare.add(new Upstream(c.asn(), (double) c.count() / total));
        byShare.sort(Comparator.comparingDouble(Upstream::share).reversed().thenComparingLong(Upstream::asn));

        long[] keys = new long[counts.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = SignalCalculator.largestFirstKey(counts.get(i).count(), counts.get(i).asn());
        Arrays.sort(keys);
        List<Upstream> byKey = new ArrayList<>();
        for (long k : keys) byKey.add(new Upstream(SignalCalculator.tieBreakOf(k), (double) SignalCalculator.countOf(k) / total));

        assertThat(byKey).containsExactlyElementsOf(byShare);
    }
}
