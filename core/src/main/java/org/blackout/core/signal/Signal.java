package org.blackout.core.signal;

import java.time.Instant;
import java.util.List;

/**
 * One entity's state over one time bin, read at the bin's end.
 *
 * @param time            start of the bin [time, time + bin)
 * @param entity          {@code country:KP}, {@code as:131279}, {@code prefix:175.45.176.0/22}
 * @param visibleSlash24  IPv4 space of the entity seen by more than the threshold share of
 *                        full-feed peers, in /24 equivalents, overlapping prefixes counted once
 * @param visiblePrefixes the entity's prefixes seen by more than the threshold share of full-feed peers
 * @param peersSeeing     full-feed peers with a route to at least part of the entity
 * @param fullFeedPeers   full-feed peers at the bin's end (either address family)
 * @param announcements   announcements of the entity's prefixes during the bin (RIB dumps excluded)
 * @param withdrawals     withdrawals of the entity's prefixes during the bin
 * @param upstreams       for an AS or prefix, the neighbours just before the origin; for a country,
 *                        its border ASes; with the share of full-feed peers' paths through each,
 *                        largest first
 * @param basis           {@code rib} when peers' tables came from RIB dumps, {@code updates} when they
 *                        were learned from update messages alone (visibility is then judged per prefix
 *                        among the peers that carried it)
 * @param coverage        share of the entity's prefixes that can be judged (carried by an active peer)
 * @param knownPrefixes   those prefixes
 * @param lostPrefixes    known prefixes withdrawn by (a majority of) the peers that carried them
 * @param recentLost      lost prefixes whose last withdrawal came within the recent window (30 min)
 * @param recentLostSlash24 their IPv4 space, /24 equivalents
 * @param peersAgreeing   peers that withdrew at least one recently lost prefix
 * @param peersCarrying   peers that carried at least one recently lost prefix
 * @param recentCovered   recently lost prefixes whose space a visible covering prefix still carries
 */
public record Signal(
        Instant time,
        String entity,
        double visibleSlash24,
        int visiblePrefixes,
        int peersSeeing,
        int fullFeedPeers,
        long announcements,
        long withdrawals,
        List<Upstream> upstreams,
        String basis,
        double coverage,
        int knownPrefixes,
        int lostPrefixes,
        int recentLost,
        double recentLostSlash24,
        int peersAgreeing,
        int peersCarrying,
        int recentCovered) {

    public Signal {
        upstreams = List.copyOf(upstreams);
    }

    /** A signal without per-prefix visibility (tests, stored signals). */
    public Signal(Instant time, String entity, double visibleSlash24, int visiblePrefixes, int peersSeeing,
                  int fullFeedPeers, long announcements, long withdrawals, List<Upstream> upstreams) {
        this(time, entity, visibleSlash24, visiblePrefixes, peersSeeing, fullFeedPeers, announcements, withdrawals,
                upstreams, "rib", 1, visiblePrefixes, 0, 0, 0, 0, 0, 0);
    }
}
