package org.blackout.core.detect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blackout.core.engine.FeedEvent;
import org.blackout.core.event.EventSink;
import org.blackout.core.event.EventType;
import org.blackout.core.event.Extent;

/**
 * Feed health from the engine's feed events: a collector peer's session down or silent past its
 * hold time is a feed event for {@code peer:collector|address|AS}, open until the peer is back; a
 * RIB re-sync that dropped routes is a moment. Never an outage: the engine has already taken the
 * peer's routes out of the visibility counts.
 */
final class FeedHealthDetector {
    private final EventSink sink;
    private final Map<String, OpenEvent> open = new LinkedHashMap<>();

    FeedHealthDetector(EventSink sink) {
        this.sink = sink;
    }

    void feedEvent(FeedEvent f) {
        String entity = "peer:" + f.peer();
        switch (f.kind()) {
            case SESSION_DOWN, STALE -> {
                if (open.containsKey(entity)) return;
                OpenEvent o = new OpenEvent(EventType.FEED, entity, f.time());
                o.raised = f.time();
                o.depth = 1;
                o.details.put("kind", f.kind().name().toLowerCase());
                o.details.put("routes", Integer.toString(f.routes()));
                o.extent = new Extent(f.routes(), 0, 0, 1, 0);
                o.summary = (f.kind() == FeedEvent.Kind.STALE ? "peer silent past its hold time" : "peer session down")
                        + ", " + f.routes() + " routes " + (f.kind() == FeedEvent.Kind.STALE ? "not counted" : "dropped")
                        + " (feed, not an outage)";
                open.put(entity, o);
                sink.raised(o.snapshot());
            }
            case SESSION_UP, RESUMED -> {
                OpenEvent o = open.remove(entity);
                if (o == null) return;
                o.lowered = f.time();
                o.seenUntil = f.time();
                o.summary = o.summary + ", back";
                sink.lowered(o.snapshot());
            }
            case RESYNC -> {
                OpenEvent o = new OpenEvent(EventType.FEED, entity, f.time());
                o.raised = f.time();
                o.lowered = f.time();
                o.details.put("kind", "resync");
                o.details.put("routes", Integer.toString(f.routes()));
                o.extent = new Extent(f.routes(), 0, 0, 1, 0);
                o.summary = "RIB dump re-synced the peer, " + f.routes() + " routes it no longer carried dropped";
                sink.raised(o.snapshot());
                sink.lowered(o.snapshot());
            }
            default -> {} // FSM cycling without a session: nothing was lost
        }
    }

    void finish(Instant end) {
        for (OpenEvent o : open.values()) {
            o.seenUntil = end;
            sink.updated(o.snapshot());
        }
    }
}
