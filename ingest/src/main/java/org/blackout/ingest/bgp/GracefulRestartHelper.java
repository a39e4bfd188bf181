package org.blackout.ingest.bgp;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.Prefix;

/**
 * The receiving-speaker ("helper") side of graceful restart (RFC 4724 section 4.2) for one neighbour.
 * While a session that negotiated graceful restart is up, the helper remembers which routes the peer
 * announced. When the TCP connection fails without a NOTIFICATION, the routes are kept (marked stale)
 * and no session-down reaches the feed; if the peer comes back within its restart time, the feed never
 * sees it leave, and at its End-of-RIB for a family the stale routes it did not re-announce are
 * withdrawn. If it does not come back in time, the session-down is reported then.
 */
final class GracefulRestartHelper {
    private static final System.Logger LOG = System.getLogger("blackout.bgp");

    record RouteKey(Prefix prefix, long pathId) {}

    private final Set<RouteKey> routes = new HashSet<>();
    private Set<RouteKey> stale;
    private ScheduledFuture<?> restartTimer;
    private BgpPeer peer;

    /** Tracks one UPDATE's elements (only while graceful restart is negotiated). */
    synchronized void track(List<RouteElement> elements) {
        for (RouteElement e : elements) {
            RouteKey k = new RouteKey(e.prefix(), e.pathId());
            if (e.type() == ElementType.ANNOUNCE) {
                routes.add(k);
                if (stale != null) stale.remove(k);
            } else if (e.type() == ElementType.WITHDRAW) {
                routes.remove(k);
                if (stale != null) stale.remove(k);
            }
        }
    }

    /**
     * The session died without a NOTIFICATION: keep the routes as stale for {@code restartSeconds};
     * {@code expired} runs (on the timer thread) if the peer is not back by then.
     */
    synchronized void peerRestarting(BgpPeer p, int restartSeconds, ScheduledExecutorService timers, Runnable expired) {
        peer = p;
        stale = new HashSet<>(routes);
        LOG.log(Level.INFO, "{0}: graceful restart: keeping {1} routes for up to {2} s", p.peerAddress(),
                Integer.toString(stale.size()), Integer.toString(restartSeconds));
        restartTimer = timers.schedule(() -> {
            synchronized (this) {
                if (restartTimer == null) return;
                restartTimer = null;
                stale = null;
                routes.clear();
            }
            expired.run();
        }, Math.max(1, restartSeconds), TimeUnit.SECONDS);
    }

    /** True (once) when a new session finds the peer within its restart time: the feed never saw it leave. */
    synchronized boolean resume() {
        if (restartTimer == null) return false;
        restartTimer.cancel(false);
        restartTimer = null;
        return true;
    }

    /** The peer's End-of-RIB for a family: the stale routes of that family it did not re-announce, now withdrawn. */
    synchronized List<RouteElement> endOfRib(boolean v6, long timeMicros) {
        if (stale == null) return List.of();
        List<RouteElement> out = new ArrayList<>();
        for (Iterator<RouteKey> it = stale.iterator(); it.hasNext(); ) {
            RouteKey k = it.next();
            if (k.prefix().v6() != v6) continue;
            it.remove();
            routes.remove(k);
            out.add(new RouteElement(timeMicros, ElementType.WITHDRAW, peer.peerAddress(), peer.peerAs(), k.prefix(),
                    k.pathId(), null, 0, 0));
        }
        if (stale.isEmpty()) stale = null;
        return out;
    }

    /** A normal session end: forget everything. */
    synchronized void clear() {
        if (restartTimer != null) restartTimer.cancel(false);
        restartTimer = null;
        stale = null;
        routes.clear();
    }

    synchronized boolean restarting() {
        return restartTimer != null;
    }
}
