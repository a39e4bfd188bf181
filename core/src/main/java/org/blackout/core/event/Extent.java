package org.blackout.core.event;

/**
 * How much of the entity an event touches, at its worst so far.
 *
 * @param prefixes      the entity's prefixes affected (not visible, flapping, hijacked)
 * @param slash24       IPv4 space affected, in /24 equivalents
 * @param addresses     IPv4 addresses affected ({@code slash24 × 256})
 * @param peersAgreeing full-feed peers whose routes show the event
 * @param fullFeedPeers full-feed peers at the time
 */
public record Extent(int prefixes, double slash24, long addresses, int peersAgreeing, int fullFeedPeers) {
    public static final Extent NONE = new Extent(0, 0, 0, 0, 0);
}
