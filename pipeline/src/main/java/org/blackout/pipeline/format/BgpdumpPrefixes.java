package org.blackout.pipeline.format;

import org.blackout.wire.bgp.Nlri;

/**
 * The prefixes bgpdump 1.6.2 prints for a prefix field: the decoded ones with their host bits as
 * sent (it does not clear them), then whatever its lenient reader makes of a damaged tail: prefix
 * lengths are not checked, and a prefix of more than 16 bytes overruns its 16-byte address slot
 * into the length (byte 16) and path identifier (bytes 20..23) fields, which is what it prints.
 */
final class BgpdumpPrefixes {
    int size;
    long[] hi = new long[16], lo = new long[16], ids = new long[16];
    int[] len = new int[16];

    /** @param mask print canonical prefixes (host bits cleared, damaged tail ignored), as later bgpdump does */
    void load(Nlri n, boolean v6, boolean addPath, boolean mask) {
        size = 0;
        for (int i = 0; i < n.size(); i++) {
            add(mask ? n.prefix(i).hi() : n.wireHi(i), mask ? n.prefix(i).lo() : n.wireLo(i), n.prefix(i).length(),
                    n.pathId(i));
        }
        byte[] t = n.unparsed();
        if (mask || t.length == 0) return;
        int p = 0;
        while (p < t.length) {
            long id = 0;
            if (addPath) {
                id = BgpdumpAttributes.be(t, p, 4);
                p += 4;
            }
            int plen = p < t.length ? t[p] & 0xff : 0;
            p++;
            int bytes = (plen + 7) >>> 3;
            if (t.length - Math.min(p, t.length) < bytes) break; // bgpdump keeps it aside as "incomplete"
            byte[] slot = new byte[Math.max(24, bytes)];
            System.arraycopy(t, p, slot, 0, bytes);
            p += bytes;
            int shownLen = bytes > 16 ? slot[16] & 0xff : plen;
            if (bytes > 20) {
                // the overrun rewrites the path id's bytes in host (little-endian) order
                byte[] le = {(byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
                for (int k = 20; k < Math.min(bytes, 24); k++) le[k - 20] = slot[k];
                id = (le[0] & 0xffL) | (le[1] & 0xffL) << 8 | (le[2] & 0xffL) << 16 | (le[3] & 0xffL) << 24;
            }
            long h = BgpdumpAttributes.be(slot, 0, 8);
            long l = BgpdumpAttributes.be(slot, 8, 8);
            if (!v6) {
                h &= 0xffffffff00000000L;
                l = 0;
            }
            add(h, l, shownLen, id);
        }
    }

    private void add(long h, long l, int length, long id) {
        if (size == hi.length) {
            hi = java.util.Arrays.copyOf(hi, size * 2);
            lo = java.util.Arrays.copyOf(lo, size * 2);
            ids = java.util.Arrays.copyOf(ids, size * 2);
            len = java.util.Arrays.copyOf(len, size * 2);
        }
        hi[size] = h;
        lo[size] = l;
        len[size] = length;
        ids[size] = id;
        size++;
    }
}
