package org.blackout.core.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.blackout.wire.net.Prefix;

/**
 * Interning is a bijection between distinct prefixes and dense ids, whatever the mix: IPv4 keys
 * held whole in the slots, IPv6 ones confirmed from the arrays (some differing only in their lower
 * word), the same address at many lengths, ::/0 beside 0.0.0.0/0, and the table's rehashing.
 */
class PrefixTableProperties {

    @Provide
    Arbitrary<Prefix> prefixes() {
        // few distinct addresses, so the same address comes at many lengths and IPv6 ones share upper words
        Arbitrary<Prefix> v4 = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(0, 0x0A000000, 0xC0000201, -1),
                Arbitraries.integers()), Arbitraries.integers().between(0, 32)).as(Prefix::v4);
        Arbitrary<Prefix> v6 = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(0L, 0x20010DB800000000L),
                Arbitraries.longs()), Arbitraries.oneOf(Arbitraries.of(0L, 1L, -1L), Arbitraries.longs()),
                Arbitraries.integers().between(0, 128)).as(Prefix::v6);
        return Arbitraries.oneOf(v4, v6);
    }

    @Property(tries = 200)
    void internIsABijectionOntoDenseIds(@ForAll @Size(max = 3000) List<@From("prefixes") Prefix> prefixes) {
        PrefixTable t = new PrefixTable();
        Map<Prefix, Integer> ids = new HashMap<>();
        for (Prefix p : prefixes) {
            assertThat(t.find(p)).isEqualTo(ids.getOrDefault(p, PrefixTable.NONE));
            int id = t.intern(p);
            Integer before = ids.putIfAbsent(p, id);
            assertThat(id).as("%s", p).isEqualTo(before == null ? ids.size() - 1 : before);
        }
        assertThat(t.size()).isEqualTo(ids.size());
        for (Map.Entry<Prefix, Integer> e : ids.entrySet()) {
            Prefix p = e.getKey();
            int id = e.getValue();
            assertThat(t.prefix(id)).isEqualTo(p);
            assertThat(t.find(p)).isEqualTo(id);
            // the covering look-up cuts the address to the length: a host bit set beyond it finds the same id
            if (!p.v6() || p.length() < 64) assertThat(t.find(p.v6(), p.hi() | 1, p.lo(), p.length())).isEqualTo(id);
        }
    }
}
