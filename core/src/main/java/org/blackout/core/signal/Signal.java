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
        List<Upstream> upstreams) {

    public Signal {
        upstreams = List.copyOf(upstreams);
    }
}
