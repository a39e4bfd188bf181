package org.blackout.ingest.bgp;

import java.util.List;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.RouteElement;

/**
 * What a live source hands to the feed: a received UPDATE (raw message bytes for the archive, the
 * decoded message, and the route elements it flattens to) or a session state change.
 */
public sealed interface FeedEvent {
    BgpPeer peer();

    long timeMicros();

    List<RouteElement> elements();

    /** @param raw the whole BGP message as received, header included */
    record Message(BgpPeer peer, long timeMicros, byte[] raw, Update update, List<RouteElement> elements)
            implements FeedEvent {}

    /**
     * Elements the collector derived rather than received, e.g. stale routes withdrawn after a graceful
     * restart (RFC 4724): the engine gets them, the archive's RIB applies them, no BGP message is archived.
     */
    record Derived(BgpPeer peer, long timeMicros, List<RouteElement> elements) implements FeedEvent {}

    /** FSM states as RFC 6396 numbers them (1 Idle .. 6 Established); {@code elements} holds the STATE element. */
    record StateChange(BgpPeer peer, long timeMicros, int oldState, int newState, List<RouteElement> elements)
            implements FeedEvent {}
}
