package org.blackout.core.entity;

import java.util.Arrays;
import org.blackout.wire.net.Prefix;

/**
 * Non-overlapping address ranges of one family, each labelled with an int (a country index, an AS
 * number...), searched by binary search. Keys are unsigned longs: the IPv4 address itself, or the
 * top 64 bits of an IPv6 address (registries never delegate below a /64). Ends are inclusive.
 */
public final class AddressRanges {
    private final long[] start;
    private final long[] end;
    private final int[] label;

    AddressRanges(long[] start, long[] end, int[] label) {
        this.start = start;
        this.end = end;
        this.label = label;
    }

    public static AddressRanges empty() {
        return new AddressRanges(new long[0], new long[0], new int[0]);
    }

    public int size() {
        return start.length;
    }

    /** Receives the labelled parts of a prefix with the fraction of the prefix's space each covers. */
    @FunctionalInterface
    public interface PartVisitor {
        void part(int label, double fraction);
    }

    /** The key of an address in this family's key space. */
    public static long key(boolean v6, long hi) {
        return v6 ? hi : hi >>> 32;
    }

    /** Splits a prefix over the ranges it intersects; space no range covers is not visited. */
    public void split(Prefix p, PartVisitor v) {
        long lo, hi;
        double size;
        if (p.v6()) {
            int l = Math.min(p.length(), 64);
            lo = p.hi();
            hi = l == 0 ? -1L : lo | (-1L >>> l);
            size = Math.scalb(1.0, 64 - l);
        } else {
            lo = p.hi() >>> 32;
            hi = lo | ((1L << (32 - p.length())) - 1);
            size = Math.scalb(1.0, 32 - p.length());
        }
        int i = floor(lo);
        if (i < 0) i = 0;
        for (; i < start.length && Long.compareUnsigned(start[i], hi) <= 0; i++) {
            if (Long.compareUnsigned(end[i], lo) < 0) continue;
            long a = Long.compareUnsigned(start[i], lo) > 0 ? start[i] : lo;
            long b = Long.compareUnsigned(end[i], hi) < 0 ? end[i] : hi;
            double n = unsignedToDouble(b - a) + 1;
            v.part(label[i], n / size);
        }
    }

    /** The ranges whose label passes {@code keep}; smaller tables search faster. */
    public AddressRanges filter(java.util.function.IntPredicate keep) {
        int n = 0;
        for (int l : label) if (keep.test(l)) n++;
        long[] s2 = new long[n], e2 = new long[n];
        int[] l2 = new int[n];
        for (int i = 0, k = 0; i < label.length; i++) {
            if (!keep.test(label[i])) continue;
            s2[k] = start[i];
            e2[k] = end[i];
            l2[k++] = label[i];
        }
        return new AddressRanges(s2, e2, l2);
    }

    /** Label of the range holding the key, or -1. */
    public int lookup(long key) {
        int i = floor(key);
        return i >= 0 && Long.compareUnsigned(end[i], key) >= 0 ? label[i] : -1;
    }

    /** Index of the last range starting at or before key, or -1. */
    private int floor(long key) {
        int lo = 0, hi = start.length - 1, r = -1;
        while (lo <= hi) {
            int m = (lo + hi) >>> 1;
            if (Long.compareUnsigned(start[m], key) <= 0) {
                r = m;
                lo = m + 1;
            } else {
                hi = m - 1;
            }
        }
        return r;
    }

    static double unsignedToDouble(long x) {
        return x >= 0 ? x : (double) (x >>> 1) * 2.0 + (x & 1);
    }

    /** Visits every range as (start, end, label). */
    public void forEach(RangeVisitor v) {
        for (int i = 0; i < start.length; i++) v.range(start[i], end[i], label[i]);
    }

    @FunctionalInterface
    public interface RangeVisitor {
        void range(long start, long end, int label);
    }

    /** Collects ranges in any order; overlaps are clipped so that the range starting first wins. */
    public static final class Builder {
        private long[] s = new long[1024], e = new long[1024];
        private int[] l = new int[1024];
        private int n;

        public Builder add(long startKey, long endKey, int lab) {
            if (Long.compareUnsigned(startKey, endKey) > 0) return this;
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                e = Arrays.copyOf(e, n * 2);
                l = Arrays.copyOf(l, n * 2);
            }
            s[n] = startKey;
            e[n] = endKey;
            l[n] = lab;
            n++;
            return this;
        }

        public int size() {
            return n;
        }

        public AddressRanges build() {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            // stable, so that of two ranges starting at one address the first added wins
            it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(order, (a, b) -> Long.compareUnsigned(s[a], s[b]));
            long[] rs = new long[n], re = new long[n];
            int[] rl = new int[n];
            int m = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                long st = s[i];
                if (m > 0 && Long.compareUnsigned(st, re[m - 1]) <= 0) {
                    if (re[m - 1] == -1L || Long.compareUnsigned(e[i], re[m - 1]) <= 0) continue; // inside
                    st = re[m - 1] + 1;
                }
                if (m > 0 && rl[m - 1] == l[i] && re[m - 1] + 1 == st) { // adjacent, same label: merge
                    re[m - 1] = e[i];
                    continue;
                }
                rs[m] = st;
                re[m] = e[i];
                rl[m] = l[i];
                m++;
            }
            return new AddressRanges(Arrays.copyOf(rs, m), Arrays.copyOf(re, m), Arrays.copyOf(rl, m));
        }
    }
}
