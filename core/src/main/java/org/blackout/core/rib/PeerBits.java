package org.blackout.core.rib;

import java.util.Arrays;

/**
 * For every prefix id, the set of peers that currently have a route to it, as a bitmap row of
 * {@code words} longs. Rows are laid out back to back in one array; when the peer count passes
 * a multiple of 64 the rows are widened. One bit per (peer, prefix) pair, so counting the peers
 * that see a prefix is a popcount, not a walk over peers' tables.
 */
public final class PeerBits {
    private long[] bits = new long[1024];
    private int words = 1;
    private int rows = 1024;

    public void set(int prefixId, int peer, boolean on) {
        ensure(prefixId, peer);
        int i = prefixId * words + (peer >>> 6);
        if (on) bits[i] |= 1L << peer;
        else bits[i] &= ~(1L << peer);
    }

    public boolean get(int prefixId, int peer) {
        if (prefixId >= rows || (peer >>> 6) >= words) return false;
        return (bits[prefixId * words + (peer >>> 6)] & (1L << peer)) != 0;
    }

    public int words() {
        return words;
    }

    /** Word {@code w} of prefix's peer set (0 when beyond the table). */
    public long word(int prefixId, int w) {
        if (prefixId >= rows || w >= words) return 0;
        return bits[prefixId * words + w];
    }

    /** Number of peers in {@code mask} that have a route to the prefix. */
    public int count(int prefixId, long[] mask) {
        if (prefixId >= rows) return 0;
        int base = prefixId * words, n = 0;
        for (int w = 0; w < words && w < mask.length; w++) n += Long.bitCount(bits[base + w] & mask[w]);
        return n;
    }

    /** ORs the prefix's peer set into {@code acc} (length ≥ words()). */
    public void orInto(int prefixId, long[] acc) {
        if (prefixId >= rows) return;
        int base = prefixId * words;
        for (int w = 0; w < words; w++) acc[w] |= bits[base + w];
    }

    private void ensure(int prefixId, int peer) {
        int needWords = (peer >>> 6) + 1;
        if (needWords > words) {
            int nw = Math.max(needWords, words * 2);
            long[] n = new long[rows * nw];
            for (int r = 0; r < rows; r++) System.arraycopy(bits, r * words, n, r * nw, words);
            bits = n;
            words = nw;
        }
        if (prefixId >= rows) {
            int nr = Math.max(prefixId + 1, rows + (rows >>> 1));
            bits = Arrays.copyOf(bits, nr * words);
            rows = nr;
        }
    }

    public long approximateBytes() {
        return 8L * bits.length;
    }
}
