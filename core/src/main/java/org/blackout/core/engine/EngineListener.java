package org.blackout.core.engine;

import org.blackout.core.signal.Signal;

/**
 * Receives what the engine produces, in data-time order. Detectors hook in here: {@link #binClosed}
 * runs after the bin's signals, with read access to the routing and entity state.
 */
public interface EngineListener {
    default void signal(Signal s) {}

    default void feedEvent(FeedEvent e) {}

    /**
     * Called for every route element after the engine applied it (detectors keep evidence and
     * watch for hijacks here); {@code view} is only valid during the call.
     */
    default void element(String collector, org.blackout.wire.element.RouteElement e, RoutingView view) {}

    /** Called once per bin after its signals; {@code view} is only valid during the call. */
    default void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {}
}
