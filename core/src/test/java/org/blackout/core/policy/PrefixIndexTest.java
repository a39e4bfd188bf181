package org.blackout.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixIndexTest {

    private static List<Integer> covering(PrefixIndex ix, Prefix p) {
        List<Integer> ids = new ArrayList<>();
        for (int id = ix.nextCovering(p, 0); id != PrefixIndex.NONE; id = ix.nextCovering(p, ix.length(id) + 1)) ids.add(id);
        return ids;
    }

    @Test
    void findsExactAndCoveringShortestFirst() {
        PrefixIndex ix = PrefixIndex.of(List.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("10.1.0.0/16"),
                Prefix.parse("10.1.2.0/24"), Prefix.parse("0.0.0.0/0"), Prefix.parse("11.0.0.0/8")));
        assertThat(ix.size()).isEqualTo(5);
        assertThat(ix.find(Prefix.parse("10.1.0.0/16"))).isEqualTo(1);
        assertThat(ix.find(Prefix.parse("10.1.0.0/17"))).isEqualTo(PrefixIndex.NONE);
        assertThat(covering(ix, Prefix.parse("10.1.2.128/25"))).containsExactly(3, 0, 1, 2);
        assertThat(covering(ix, Prefix.parse("10.1.2.0/24"))).containsExactly(3, 0, 1, 2);
        assertThat(covering(ix, Prefix.parse("10.2.0.0/16"))).containsExactly(3, 0);
        assertThat(ix.longestCovering(Prefix.parse("10.1.2.3/32"))).isEqualTo(2);
        assertThat(ix.longestCovering(Prefix.parse("12.0.0.0/8"))).isEqualTo(3);
        assertThat(ix.prefix(2)).isEqualTo(Prefix.parse("10.1.2.0/24"));
        // the families never mix: ::/0 is not covered by 0.0.0.0/0
        assertThat(covering(ix, Prefix.parse("::/0"))).isEmpty();
        assertThat(ix.longestCovering(Prefix.parse("2001:db8::/32"))).isEqualTo(PrefixIndex.NONE);
    }

    @Test
    void ipv6LengthsAcrossTheWordBoundaryAndHostRoutes() {
        PrefixIndex ix = PrefixIndex.of(List.of(Prefix.parse("2001:db8::/32"), Prefix.parse("2001:db8::/64"),
                Prefix.parse("2001:db8::1:0:0/96"), Prefix.parse("2001:db8::1:0:1/128"), Prefix.parse("::/0")));
        assertThat(covering(ix, Prefix.parse("2001:db8::1:0:1/128"))).containsExactly(4, 0, 1, 2, 3);
        assertThat(covering(ix, Prefix.parse("2001:db8::1:0:2/127"))).containsExactly(4, 0, 1, 2);
        assertThat(ix.longestCovering(Prefix.parse("2001:db8::1:0:1/128"))).isEqualTo(3);
        assertThat(ix.find(Prefix.parse("2001:db8::1:0:1/128"))).isEqualTo(3);
        assertThat(covering(ix, Prefix.parse("10.0.0.0/8"))).isEmpty();
    }

    @Test
    void duplicatesKeepTheirFirstId() {
        PrefixIndex.Builder b = new PrefixIndex.Builder();
        assertThat(b.add(Prefix.parse("10.0.0.0/8"))).isEqualTo(0);
        assertThat(b.add(Prefix.parse("11.0.0.0/8"))).isEqualTo(1);
        assertThat(b.add(Prefix.parse("10.0.0.0/8"))).isEqualTo(0);
        assertThat(b.build().size()).isEqualTo(2);
        assertThat(PrefixIndex.of(List.of()).nextCovering(Prefix.parse("10.0.0.0/8"), 0)).isEqualTo(PrefixIndex.NONE);
    }

    /**
     * Against a linear scan, over random nested prefixes of both families (seeded); small sets probe
     * every length, large ones go through the per-/16 summary.
     */
    @ParameterizedTest
    @ValueSource(ints = {1000, 6000})
    void agreesWithALinearScan(int size) {
        Random rnd = new Random(13);
        List<Prefix> all = new ArrayList<>();
        PrefixIndex.Builder b = new PrefixIndex.Builder();
        for (int i = 0; i < size; i++) {
            Prefix p = random(rnd);
            if (b.add(p) == all.size()) all.add(p);
        }
        PrefixIndex ix = b.build();
        for (int q = 0; q < 5_000; q++) {
            Prefix p = random(rnd);
            List<Integer> expected = new ArrayList<>();
            for (int id = 0; id < all.size(); id++) if (all.get(id).covers(p)) expected.add(id);
            expected.sort((x, y) -> Integer.compare(all.get(x).length(), all.get(y).length()));
            assertThat(covering(ix, p)).as("%s", p).isEqualTo(expected);
            assertThat(ix.longestCovering(p)).isEqualTo(expected.isEmpty() ? PrefixIndex.NONE : expected.get(expected.size() - 1));
        }
    }

    /** Few distinct top bits, so that random prefixes nest often. */
    static Prefix random(Random rnd) {
        if (rnd.nextInt(4) == 0) {
            long hi = (0x2001_0db8L << 32) | ((long) rnd.nextInt(4) << 30) | (rnd.nextBoolean() ? 0 : rnd.nextLong() >>> 34);
            return new Prefix(true, hi, rnd.nextBoolean() ? 0 : rnd.nextLong(), rnd.nextInt(129));
        }
        long addr = ((long) (10 + rnd.nextInt(3)) << 56) | ((long) rnd.nextInt(4) << 54) | ((rnd.nextLong() >>> 42) << 32);
        return new Prefix(false, addr, 0, rnd.nextInt(33));
    }
}
