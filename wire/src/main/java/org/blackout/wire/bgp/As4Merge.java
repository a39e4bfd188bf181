package org.blackout.wire.bgp;

import java.util.ArrayList;
import java.util.List;

/** RFC 6793 section 4.2.3: rebuild the 4-octet path from a 2-octet AS_PATH and AS4_PATH. */
final class As4Merge {
    static final long AS_TRANS = 23456;

    private As4Merge() {}

    static AsPath merge(AsPathAttr asPath, As4PathAttr as4Path, Aggregator aggregator) {
        if (asPath == null) return AsPath.EMPTY;
        if (as4Path == null || asPath.fourOctet()) return asPath.path();
        // an AGGREGATOR from a 2-octet speaker that is not AS_TRANS means AS4_PATH is stale
        if (aggregator != null && !aggregator.fourOctet() && aggregator.as() != AS_TRANS) return asPath.path();
        int n = countForMerge(asPath.path()), n4 = countForMerge(as4Path.path());
        if (n < n4) return asPath.path();
        int keep = n - n4;
        List<AsPath.Segment> out = new ArrayList<>();
        for (AsPath.Segment s : asPath.path().segments()) {
            if (keep == 0) break;
            int w = weight(s);
            if (w == 0) { out.add(s); continue; }
            if (s.type() == AsPath.SegmentType.AS_SET) {
                out.add(s);
                keep--;
                continue;
            }
            if (s.asns().length <= keep) {
                out.add(s);
                keep -= s.asns().length;
            } else {
                out.add(new AsPath.Segment(s.type(), java.util.Arrays.copyOf(s.asns(), keep)));
                keep = 0;
            }
        }
        out.addAll(as4Path.path().segments());
        return new AsPath(out);
    }

    private static int countForMerge(AsPath p) {
        int n = 0;
        for (AsPath.Segment s : p.segments()) n += weight(s);
        return n;
    }

    private static int weight(AsPath.Segment s) {
        return switch (s.type()) {
            case AS_SEQUENCE -> s.asns().length;
            case AS_SET -> 1;
            default -> 0;
        };
    }
}
