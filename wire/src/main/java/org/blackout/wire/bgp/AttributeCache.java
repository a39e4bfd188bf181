package org.blackout.wire.bgp;

import io.netty.buffer.ByteBuf;

/**
 * Remembers recently decoded attribute sections by their bytes, so a repeated section (RIB dumps
 * repeat the same attributes for many prefixes of a peer) is decoded once and its immutable
 * {@link PathAttributes} shared. Direct-mapped and bounded; not thread-safe: one per decoder.
 */
public final class AttributeCache {
    private static final int SIZE = 4096; // power of two
    private static final int MAX_KEY = 512; // longer sections are rare and not worth keeping

    /** The table is made only after this many sections: a decoder used for a few records allocates nothing. */
    private static final int WARM_UP = 256;

    private byte[][] keys;
    private int[] contexts;
    private PathAttributes[] values;
    private long hits, misses;

    /** Decodes {@code buf[from, to)} like {@link AttributeDecoder#decode}, reusing an earlier result for the same bytes. */
    public PathAttributes decode(ByteBuf buf, int from, int to, int asnSize, boolean addPath, boolean rib) {
        int len = to - from;
        if (len <= 0) return PathAttributes.EMPTY;
        if (keys == null) {
            if (++misses < WARM_UP) return AttributeDecoder.decode(buf, from, to, asnSize, addPath, rib);
            keys = new byte[SIZE][];
            contexts = new int[SIZE];
            values = new PathAttributes[SIZE];
        }
        if (len > MAX_KEY) return AttributeDecoder.decode(buf, from, to, asnSize, addPath, rib);
        int ctx = asnSize | (addPath ? 8 : 0) | (rib ? 16 : 0);
        int h = ctx;
        int i = from;
        for (; i + 4 <= to; i += 4) h = h * 0x9E3779B1 + buf.getInt(i);
        for (; i < to; i++) h = h * 31 + buf.getByte(i);
        h ^= h >>> 15;
        int slot = h & (SIZE - 1);
        byte[] k = keys[slot];
        if (k != null && k.length == len && contexts[slot] == ctx && same(buf, from, k)) {
            hits++;
            return values[slot];
        }
        misses++;
        PathAttributes a = AttributeDecoder.decode(buf, from, to, asnSize, addPath, rib);
        byte[] key = new byte[len];
        buf.getBytes(from, key);
        keys[slot] = key;
        contexts[slot] = ctx;
        values[slot] = a;
        return a;
    }

    private static boolean same(ByteBuf buf, int from, byte[] k) {
        int n = k.length, i = 0;
        for (; i + 8 <= n; i += 8) {
            if (buf.getLong(from + i) != getLong(k, i)) return false;
        }
        for (; i < n; i++) if (buf.getByte(from + i) != k[i]) return false;
        return true;
    }

    private static long getLong(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 56) | ((long) (b[i + 1] & 0xff) << 48) | ((long) (b[i + 2] & 0xff) << 40)
                | ((long) (b[i + 3] & 0xff) << 32) | ((long) (b[i + 4] & 0xff) << 24) | ((b[i + 5] & 0xff) << 16)
                | ((b[i + 6] & 0xff) << 8) | (b[i + 7] & 0xff);
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
