package org.blackout.core.rib;

/**
 * A partial peer table's map from prefix id to path id: open addressing with linear probing over one
 * {@code long[]}, the key + 1 in a slot's upper word (0: empty) and the value in its lower word. A
 * look-up that finds its key has the value in the same cache line; a map with keys and values in two
 * arrays (fastutil's) touches two lines for each route change, and a day's replay spends a tenth of
 * its main thread in those misses. Same memory: 8 bytes a slot, at most 3/4 full.
 */
final class IntIntTable {
    static final int NONE = -1;
    private static final long KEY_BITS = 0xFFFF_FFFF_0000_0000L;

    private long[] slots = new long[16];
    private int mask = 15;
    private int size;

    /** The value of {@code key} (>= 0), or {@link #NONE}. */
    int get(int key) {
        long k = tag(key);
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) return NONE;
            if ((s & KEY_BITS) == k) return (int) s;
        }
    }

    /** Sets {@code key} (>= 0) to {@code value}; returns the value it had, or {@link #NONE}. */
    int put(int key, int value) {
        long k = tag(key);
        int i = home(key, mask);
        for (long s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if ((s & KEY_BITS) == k) {
                slots[i] = k | (value & 0xFFFF_FFFFL);
                return (int) s;
            }
        }
        slots[i] = k | (value & 0xFFFF_FFFFL);
        if (++size > (slots.length >>> 2) * 3) resize(slots.length * 2);
        return NONE;
    }

    /** Removes {@code key}; returns the value it had, or {@link #NONE}. */
    int remove(int key) {
        long k = tag(key);
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) return NONE;
            if ((s & KEY_BITS) == k) {
                closeGap(i);
                // halved when an eighth full, as fastutil's map shrinks: a peer's table that empties gives its memory back
                if (--size < slots.length >>> 3 && slots.length > 16) resize(slots.length >>> 1);
                return (int) s;
            }
        }
    }

    /**
     * Empties slot {@code gap} and moves back the entries after it whose home is not between the gap
     * and them (cyclically), so that every key stays reachable from its home without tombstones.
     */
    private void closeGap(int gap) {
        for (int i = (gap + 1) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) break;
            int home = home(keyOf(s), mask);
            boolean stays = gap <= i ? gap < home && home <= i : gap < home || home <= i;
            if (stays) continue;
            slots[gap] = s;
            gap = i;
        }
        slots[gap] = 0;
    }

    int size() {
        return size;
    }

    /** Slots allocated (for tests of growth and shrinking). */
    int capacity() {
        return slots.length;
    }

    /** Calls {@code action(key, value)} for every entry, in slot order. */
    void forEach(RouteVisitor action) {
        for (long s : slots) if (s != 0) action.visit(keyOf(s), (int) s);
    }

    private void resize(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        mask = slots.length - 1;
        for (long s : old) {
            if (s == 0) continue;
            int i = home(keyOf(s), mask);
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
    }

    private static long tag(int key) {
        return ((long) key + 1) << 32;
    }

    private static int keyOf(long slot) {
        return (int) (slot >>> 32) - 1;
    }

    /** Prefix ids are dense and often consecutive: a multiplicative mix spreads their runs. */
    static int home(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
