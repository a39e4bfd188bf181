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
import org.junit.jupiter.api.Test;

/**
 * The packed table behaves as a map under any mix of puts, removals and look-ups: keys from a
 * narrow range (long probe runs, removals that must move entries back across the array's end) and
 * from the whole id range, values including -1 stored on purpose, the table's growth and its
 * shrinking as it empties.
 */
class IntIntTableProperties {

    record Op(int kind, int key, int value) {}

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> key = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, Integer.MAX_VALUE - 1));
        return Combinators.combine(Arbitraries.integers().between(0, 2), key, Arbitraries.integers())
                .as(Op::new);
    }

    @Property(tries = 300)
    void behavesAsAMap(@ForAll @Size(max = 600) List<@From("ops") Op> ops) {
        IntIntTable t = new IntIntTable();
        Map<Integer, Integer> m = new HashMap<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case 0 -> assertThat(t.put(op.key(), op.value())).isEqualTo(orNone(m.put(op.key(), op.value())));
                case 1 -> assertThat(t.remove(op.key())).isEqualTo(orNone(m.remove(op.key())));
                default -> assertThat(t.get(op.key())).isEqualTo(orNone(m.get(op.key())));
            }
            assertThat(t.size()).isEqualTo(m.size());
        }
        Map<Integer, Integer> seen = new HashMap<>();
        t.forEach((k, v) -> assertThat(seen.put(k, v)).as("key %d twice", k).isNull());
        assertThat(seen).isEqualTo(m);
        for (Map.Entry<Integer, Integer> e : m.entrySet()) assertThat(t.get(e.getKey())).isEqualTo(e.getValue());
    }

    /**
     * A removal whose run wraps past the array's end, at every position of a 16-slot table: keys
     * homed at b, b + 1, b + 2 and b + 2 again (the last one one slot further, wrapping when b is 13
     * or more). Removing the first must leave the others where their probes find them.
     */
    @Test
    void removalMovesBackOnlyWhatWouldBeLost() {
        for (int b = 0; b < 16; b++) {
            int[] keys = {keyHomedAt(b, 0), keyHomedAt((b + 1) & 15, 0), keyHomedAt((b + 2) & 15, 0), 0};
            keys[3] = keyHomedAt((b + 2) & 15, keys[2] + 1);
            IntIntTable t = new IntIntTable();
            for (int k : keys) t.put(k, k + 7);
            assertThat(t.remove(keys[0])).isEqualTo(keys[0] + 7);
            for (int i = 1; i < keys.length; i++) assertThat(t.get(keys[i])).as("base %d, key %d", b, i).isEqualTo(keys[i] + 7);
            assertThat(t.get(keys[0])).isEqualTo(IntIntTable.NONE);
            assertThat(t.size()).isEqualTo(3);
        }
    }

    /** A table that fills and then empties gives its slots back, and keeps finding what is left on the way down. */
    @Test
    void growsAndShrinksKeepingEveryEntry() {
        IntIntTable t = new IntIntTable();
        int n = 5000;
        for (int k = 0; k < n; k++) assertThat(t.put(k * 31, k)).isEqualTo(IntIntTable.NONE);
        int full = t.capacity();
        assertThat(full).isGreaterThanOrEqualTo(n * 4 / 3);
        for (int k = 0; k < n - 3; k++) {
            assertThat(t.remove(k * 31)).isEqualTo(k);
            if (k % 97 == 0) for (int j = k + 1; j < n; j += 89) assertThat(t.get(j * 31)).isEqualTo(j);
        }
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.capacity()).isLessThanOrEqualTo(64).isLessThan(full);
        for (int k = n - 3; k < n; k++) assertThat(t.get(k * 31)).isEqualTo(k);
    }

    /** The first key from {@code from} on whose home in a 16-slot table is {@code home}. */
    private static int keyHomedAt(int home, int from) {
        for (int k = from; ; k++) if (IntIntTable.home(k, 15) == home) return k;
    }

    private static int orNone(Integer v) {
        return v == null ? IntIntTable.NONE : v;
    }
}
