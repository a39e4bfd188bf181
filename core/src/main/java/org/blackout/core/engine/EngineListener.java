package org.blackout.core.engine;

import org.blackout.core.signal.Signal;

/**
 * Receives what the engine produces, in data-time order. Detectors hook in here: {@link #binClosed}
 * runs after the bin's signals, with read access to the routing and entity state.
 */
public interface EngineListener {
    default void signal(Signal s) {}

    default void feedEvent(FeedEvent e) {}

    /** Called once per bin after its signals; {@code view} is only valid during the call. */
    default void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {}
}
