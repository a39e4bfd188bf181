package org.blackout.server;

import java.util.List;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.signal.Signal;

/** Fans the engine's output out to several listeners, in order. */
public record Listeners(List<EngineListener> all) implements EngineListener {
    public Listeners {
        all = List.copyOf(all);
    }

    @Override
    public void signal(Signal s) {
        for (EngineListener l : all) l.signal(s);
    }

    @Override
    public void feedEvent(FeedEvent e) {
        for (EngineListener l : all) l.feedEvent(e);
    }

    @Override
    public void element(String collector, org.blackout.wire.element.RouteElement e, RoutingView view) {
        for (EngineListener l : all) l.element(collector, e, view);
    }

    @Override
    public void binClosed(long binStartMicros, long binEndMicros, RoutingView view) {
        for (EngineListener l : all) l.binClosed(binStartMicros, binEndMicros, view);
    }
}
