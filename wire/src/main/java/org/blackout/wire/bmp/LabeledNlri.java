package org.blackout.wire.bmp;

import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.net.Prefix;

/**
 * Prefixes of labeled unicast NLRI (SAFI 4, RFC 8277), which the BGP decoder keeps undecoded. The
 * labels are dropped: an outage observatory needs the prefix, not the forwarding label.
 */
public final class LabeledNlri {
    public static final int SAFI_LABELED_UNICAST = 4;

    private LabeledNlri() {}

    /**
     * @param withdrawal true for MP_UNREACH, where the label field is a single 3-octet placeholder
     *                   (RFC 8277 2.4) whose bottom-of-stack bit may be clear
     */
    public static Nlri decode(byte[] b, boolean v6, boolean addPath, boolean withdrawal) {
        List<Prefix> out = new ArrayList<>();
        List<Long> ids = addPath ? new ArrayList<>() : null;
        int i = 0;
        while (i < b.length) {
            long id = 0;
            if (addPath) {
                if (i + 4 > b.length) throw new DecodeException("labeled nlri", "truncated path identifier");
                id = ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
                i += 4;
            }
            if (i >= b.length) throw new DecodeException("labeled nlri", "missing length");
            int bits = b[i++] & 0xff;
            int labels = 0;
            do {
                if (i + 3 > b.length) throw new DecodeException("labeled nlri", "truncated label");
                labels++;
                i += 3;
            } while (!withdrawal && (b[i - 1] & 1) == 0 && (b[i - 3] & 0xff) != 0x80 && bits - 24 * labels > 0);
            int len = bits - 24 * labels;
            int max = v6 ? 128 : 32;
            if (len < 0 || len > max) throw new DecodeException("labeled nlri", "prefix length " + len);
            int bytes = (len + 7) >>> 3;
            if (i + bytes > b.length) throw new DecodeException("labeled nlri", "prefix overruns the field");
            if (v6) {
                long hi = 0, lo = 0;
                for (int k = 0; k < bytes; k++) {
                    long x = b[i + k] & 0xff;
                    if (k < 8) hi |= x << (56 - 8 * k);
                    else lo |= x << (120 - 8 * k);
                }
                out.add(Prefix.v6(hi, lo, len));
            } else {
                int a = 0;
                for (int k = 0; k < bytes; k++) a |= (b[i + k] & 0xff) << (24 - 8 * k);
                out.add(Prefix.v4(a, len));
            }
            if (ids != null) ids.add(id);
            i += bytes;
        }
        long[] idArray = null;
        if (ids != null) {
            idArray = new long[ids.size()];
            for (int k = 0; k < idArray.length; k++) idArray[k] = ids.get(k);
        }
        return new Nlri(out.toArray(Prefix[]::new), idArray);
    }
}
