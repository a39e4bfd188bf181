package org.blackout.core.rib;

/**
 * When a peer counts as full-feed, per address family. A peer is full-feed for a family when its
 * table for that family is at least {@code ratio} of the largest peer's table and at least the
 * absolute minimum. The default, ratio 0.8 and no minimum, works on small test data as on full
 * tables; {@link #ioda()} is IODA's absolute rule (&gt; 400k IPv4, &gt; 10k IPv6 prefixes).
 */
public record FullFeedPolicy(double ratio, int minV4, int minV6) {
    public static final double DEFAULT_RATIO = 0.8;

    public FullFeedPolicy {
        if (ratio < 0 || ratio > 1) throw new IllegalArgumentException("full-feed ratio must be in [0,1]: " + ratio);
    }

    public static FullFeedPolicy defaults() {
        return new FullFeedPolicy(DEFAULT_RATIO, 1, 1);
    }

    public static FullFeedPolicy ioda() {
        return new FullFeedPolicy(0, 400_001, 10_001);
    }

    public boolean fullV4(int size, int largest) {
        return size >= minV4 && size >= ratio * largest;
    }

    public boolean fullV6(int size, int largest) {
        return size >= minV6 && size >= ratio * largest;
    }
}
