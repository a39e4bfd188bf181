package org.blackout.core.engine;

import java.util.List;
import org.blackout.core.signal.Signal;
import org.blackout.wire.element.RouteElement;

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
    default void element(String collector, RouteElement e, RoutingView view) {}

    /** Called once per bin after its signals; {@code view} is only valid during the call. */
    default void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {}

    /** Called by {@link Engine#finish} at the end of the data, after the last bin closed. */
    default void finished() {}

    /** One listener that hands everything (including {@link #finished}) to each of {@code listeners} in turn. */
    static EngineListener all(List<? extends EngineListener> listeners) {
        List<EngineListener> all = List.copyOf(listeners);
        if (all.size() == 1) return all.get(0);
        return new EngineListener() {
            @Override
            public void signal(Signal s) {
                for (EngineListener l : all) l.signal(s);
            }

            @Override
            public void feedEvent(FeedEvent e) {
                for (EngineListener l : all) l.feedEvent(e);
            }

            @Override
            public void element(String collector, RouteElement e, RoutingView view) {
                for (EngineListener l : all) l.element(collector, e, view);
            }

            @Override
            public void binClosed(long start, long end, RoutingView view) {
                for (EngineListener l : all) l.binClosed(start, end, view);
            }

            @Override
            public void finished() {
                for (EngineListener l : all) l.finished();
            }
        };
    }
}
