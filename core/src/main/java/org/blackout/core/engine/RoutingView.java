package org.blackout.core.engine;

import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.EntityIndex;
import org.blackout.wire.net.Prefix;

/** Read access to the engine's state for detectors (hijacks need origins and peers per prefix). */
public interface RoutingView {
    RoutingState routing();

    EntityIndex entities();

    EntityMaps maps();

    /** Distinct origin ASes over all peers' current routes to exactly this prefix (MOAS: several). */
    long[] originsOf(Prefix p);

    /** Full-feed peers with a route to exactly this prefix. */
    int peersSeeing(Prefix p);

    int fullFeedPeers();

    /** The routing state's number for the peer that sent {@code e} (registering it on first sight). */
    default int peerOf(String collector, org.blackout.wire.element.RouteElement e) {
        return routing().peer(new org.blackout.core.rib.PeerKey(collector, e.peerAddress(), e.peerAs()));
    }

    /** The prefix id of the element being handed to listeners, or -1 when its prefix was never seen (or it has none). */
    default int prefixIdOf(org.blackout.wire.element.RouteElement e) {
        return e.prefix() == null ? -1 : routing().prefixes().find(e.prefix());
    }

    /** {@code rib} when peers' tables came from RIB dumps, {@code updates} when learnt from updates alone. */
    default String basis() {
        return "rib";
    }

    /**
     * Up to {@code cap} of the entity's prefixes lost now whose last withdrawal came at or after
     * {@code sinceMicros}, in prefix order (none by default).
     */
    default java.util.List<Prefix> lostSince(org.blackout.core.signal.Entity entity, long sinceMicros, int cap) {
        return java.util.List.of();
    }

    /** Per-prefix visibility among carriers, or null where the view has none (the early outage raise needs it). */
    default org.blackout.core.signal.PrefixVisibility visibility() {
        return null;
    }
}
