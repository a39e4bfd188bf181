package org.blackout.pipeline.source;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.engine.RoutingView;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Signal;
import org.blackout.wire.element.RouteElement;

/**
 * Keeps a warm-up quiet: a replay by time range builds its state from the RIB before {@code --from}
 * and the updates after it, and says nothing about that stretch. Signals of bins starting before
 * {@code from}, feed events before it and events raised before it (with their later snapshots) are
 * dropped; the detectors still see the warm-up, so their history starts with the data.
 */
public final class WarmUp {
    private WarmUp() {}

    public static EngineListener quiet(EngineListener l, Instant from) {
        return new EngineListener() {
            @Override
            public void signal(Signal s) {
                if (!s.time().isBefore(from)) l.signal(s);
            }

            @Override
            public void feedEvent(FeedEvent e) {
                if (!e.time().isBefore(from)) l.feedEvent(e);
            }

            @Override
            public void element(String collector, RouteElement e, RoutingView view) {
                l.element(collector, e, view);
            }

            @Override
            public void binClosed(long start, long end, RoutingView view) {
                l.binClosed(start, end, view);
            }

            @Override
            public void finished() {
                l.finished();
            }
        };
    }

    public static EventSink quiet(EventSink s, Instant from) {
        Set<String> silenced = new HashSet<>();
        return new EventSink() {
            @Override
            public void raised(Event e) {
                if (e.raised().isBefore(from)) silenced.add(e.id());
                else s.raised(e);
            }

            @Override
            public void updated(Event e) {
                if (!silenced.contains(e.id())) s.updated(e);
            }

            @Override
            public void lowered(Event e) {
                if (!silenced.contains(e.id())) s.lowered(e);
            }
        };
    }
}
