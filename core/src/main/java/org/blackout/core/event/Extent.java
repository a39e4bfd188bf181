package org.blackout.core.event;

import java.util.List;

/**
 * How much of the entity an event touches, at its worst so far.
 *
 * @param prefixes      the entity's prefixes affected (lost, flapping, hijacked)
 * @param slash24       IPv4 space affected, in /24 equivalents
 * @param addresses     IPv4 addresses affected ({@code slash24 × 256})
 * @param peersAgreeing peers whose routes show the event (outage: peers that withdrew a lost prefix)
 * @param fullFeedPeers full-feed peers at the time
 * @param knownPrefixes the entity's prefixes that could be judged (outage: lost of known)
 * @param peersCarrying peers that carried the affected prefixes (outage: agreeing of carrying)
 * @param lost          the affected prefixes, a capped list ({@link #prefixes} is the count)
 */
public record Extent(int prefixes, double slash24, long addresses, int peersAgreeing, int fullFeedPeers,
                     int knownPrefixes, int peersCarrying, List<String> lost) {
    public static final Extent NONE = new Extent(0, 0, 0, 0, 0);

    public Extent {
        lost = List.copyOf(lost);
    }

    public Extent(int prefixes, double slash24, long addresses, int peersAgreeing, int fullFeedPeers) {
        this(prefixes, slash24, addresses, peersAgreeing, fullFeedPeers, 0, fullFeedPeers, List.of());
    }
}
