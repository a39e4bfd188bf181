package org.blackout.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.blackout.core.rib.PrefixTable;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** The cached covering prefixes follow the table as shorter prefixes are interned later. */
class CoveringPrefixesTest {
    PrefixTable table = new PrefixTable();
    CoveringPrefixes covering = new CoveringPrefixes(table);

    int id(String p) {
        return table.intern(Prefix.parse(p));
    }

    @Test
    void aShorterPrefixInternedLaterJoinsTheList() {
        int p = id("10.1.2.0/24");
        assertThat(covering.of(p)).isEmpty();
        int s16 = id("10.1.0.0/16");
        assertThat(covering.of(p)).containsExactly(s16);
        id("11.0.0.0/8"); // another block: no change, and the list is still right
        id("10.1.3.0/24"); // a sibling, not covering
        assertThat(covering.of(p)).containsExactly(s16);
        int s8 = id("10.0.0.0/8");
        int s20 = id("10.1.0.0/20");
        assertThat(covering.of(p)).containsExactly(s20, s16, s8); // longest first
        assertThat(covering.of(s16)).containsExactly(s8);
        id("0.0.0.0/0"); // shorter than /8: never a covering prefix for the loss judgement
        assertThat(covering.of(p)).containsExactly(s20, s16, s8);
    }

    @Test
    void ipv6DownToSlash16() {
        int p = id("2001:db8:1::/48");
        int s32 = id("2001:db8::/32");
        assertThat(covering.of(p)).containsExactly(s32);
        int s16 = id("2001::/16");
        id("2001::/12");
        assertThat(covering.of(p)).containsExactly(s32, s16);
    }

    @Test
    void sameAsProbingEveryLengthOverARandomTable() {
        Random r = new Random(15);
        for (int round = 0; round < 2000; round++) {
            int len = 8 + r.nextInt(25);
            table.intern(Prefix.v4(r.nextInt(1 << 12) << 20 | r.nextInt(1 << 20), len));
            int p = r.nextInt(table.size());
            assertThat(covering.of(p)).as("prefix %s", table.prefix(p)).containsExactly(probe(p));
        }
    }

    private int[] probe(int p) {
        it.unimi.dsi.fastutil.ints.IntArrayList out = new it.unimi.dsi.fastutil.ints.IntArrayList();
        for (int len = table.length(p) - 1; len >= (table.isV6(p) ? 16 : 8); len--) {
            int q = table.find(table.isV6(p), table.hi(p), table.lo(p), len);
            if (q >= 0) out.add(q);
        }
        return out.toIntArray();
    }

    @Test
    void aLayoutMergedWithNewMembersIsTheLayoutBuiltFromScratch() {
        Random r = new Random(7);
        EntityIndex index = new EntityIndex(p -> table.isV6(p) ? 0 : Math.scalb(1.0, 24 - table.length(p)));
        int e = index.entity(new Entity.As(64500));
        EntityIndex.Members m = index.members(e);
        SignalCalculator.Layout layout = null;
        int nested = 0;
        for (int step = 0; step < 50; step++) {
            for (int k = r.nextInt(40); k >= 0; k--) {
                Prefix p = r.nextInt(5) == 0
                        ? Prefix.v6(0x20010db8L << 32 | r.nextInt(1 << 16) << 16, 0, 32 + r.nextInt(17))
                        : Prefix.v4(r.nextInt(1 << 8) << 24 | r.nextInt(1 << 24), 8 + r.nextInt(25));
                index.add(e, table.intern(p), 0);
            }
            layout = layout == null ? SignalCalculator.layout(m, table) : layout.with(m, table);
            SignalCalculator.Layout fresh = SignalCalculator.Layout.of(m, table, SignalCalculator.prefixOrder(m, table, 0));
            assertThat(layout.order).containsExactly(fresh.order);
            assertThat(layout.prefix).containsExactly(fresh.prefix);
            assertThat(layout.parent).containsExactly(fresh.parent);
            assertThat(layout.weight).containsExactly(fresh.weight);
            assertThat(layout.firstV6).isEqualTo(fresh.firstV6);
            // the nesting is the nearest enclosing member, found here the slow way
            for (int k = 0; k < fresh.size; k++) {
                int expected = -1;
                for (int j = k - 1; j >= 0 && expected < 0; j--) if (table.covers(fresh.prefix[j], fresh.prefix[k])) expected = j;
                assertThat(fresh.parent[k]).as("parent of %s", table.prefix(fresh.prefix[k])).isEqualTo(expected);
                if (expected >= 0) nested++;
            }
        }
        assertThat(nested).as("members nested in others").isGreaterThan(50);
    }
}
