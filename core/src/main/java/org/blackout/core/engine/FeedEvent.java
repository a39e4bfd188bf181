package org.blackout.core.engine;

import java.time.Instant;
import org.blackout.core.rib.PeerKey;

/**
 * Something happened to a collector's feed, not to the Internet: a session went down (its routes
 * dropped), came up, changed state without being up (Connect/Active cycling), went silent past
 * the hold time (routes kept but not counted) or spoke again, or a RIB dump re-synced it and
 * dropped routes the dump no longer carried; or a stretch of a collector's archive was missing.
 *
 * @param routes routes dropped (SESSION_DOWN, RESYNC) or held (STALE, RESUMED); else 0
 * @param detail for state changes the BGP FSM states, e.g. {@code Established→Idle}; else empty
 */
public record FeedEvent(Instant time, PeerKey peer, Kind kind, int routes, String detail) {
    public enum Kind { SESSION_DOWN, SESSION_UP, STATE_CHANGE, STALE, RESUMED, RESYNC,
        /** A stretch of a collector's archive missing or unreadable; its peer is {@link #collectorWide}. */
        DATA_GAP }

    /** The peer of an event about a whole collector (a data gap): address 0.0.0.0, AS 0. */
    public static PeerKey collectorWide(String collector) {
        return new PeerKey(collector, org.blackout.wire.net.IpAddress.v4(0), 0);
    }

    private static final String[] STATES = {"?", "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established",
        "Clearing", "Deleted"};

    /** The RFC 4271 name of an FSM state number (7 and 8 are Quagga's). */
    public static String stateName(int s) {
        return s >= 0 && s < STATES.length ? STATES[s] : Integer.toString(s);
    }

    @Override
    public String toString() {
        return time + " " + peer + " " + kind + (routes > 0 ? " routes=" + routes : "") + (detail.isEmpty() ? "" : " " + detail);
    }
}
