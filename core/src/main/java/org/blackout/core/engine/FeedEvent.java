package org.blackout.core.engine;

import java.time.Instant;
import org.blackout.core.rib.PeerKey;

/**
 * Something happened to a collector's feed, not to the Internet: a session went down (its routes
 * dropped), came up, went silent past the hold time (routes kept but not counted) or spoke again,
 * or a RIB dump re-synced it and dropped routes the dump no longer carried.
 */
public record FeedEvent(Instant time, PeerKey peer, Kind kind, int routes) {
    public enum Kind { SESSION_DOWN, SESSION_UP, STALE, RESUMED, RESYNC }
}
