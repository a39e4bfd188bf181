package org.blackout.ingest.bmp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.blackout.wire.bmp.Initiation;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PeerUp;
import org.blackout.wire.bmp.StatisticsReport;
import org.blackout.wire.bmp.Termination;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;

/** Records what a {@link BmpListener} delivers, for tests. */
class RecordingEvents implements BmpEvents, ElementSink {
    record Element(String collector, RouteElement element) {}

    final List<Element> elements = Collections.synchronizedList(new ArrayList<>());
    final List<BmpRouter> connected = Collections.synchronizedList(new ArrayList<>());
    final List<Initiation> initiations = Collections.synchronizedList(new ArrayList<>());
    final List<PeerUp> peerUps = Collections.synchronizedList(new ArrayList<>());
    final List<PeerDown> peerDowns = Collections.synchronizedList(new ArrayList<>());
    final List<StatisticsReport> stats = Collections.synchronizedList(new ArrayList<>());
    final List<Termination> terminations = Collections.synchronizedList(new ArrayList<>());
    final List<String> damage = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> peersLost = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore disconnects = new Semaphore(0);

    @Override
    public void accept(String collector, RouteElement e) {
        elements.add(new Element(collector, e));
    }

    @Override
    public void connected(BmpRouter router) {
        connected.add(router);
    }

    @Override
    public void initiation(BmpRouter router, Initiation m) {
        initiations.add(m);
    }

    @Override
    public void peerUp(BmpRouter router, PeerUp m) {
        peerUps.add(m);
    }

    @Override
    public void peerDown(BmpRouter router, PeerDown m) {
        peerDowns.add(m);
    }

    @Override
    public void statistics(BmpRouter router, StatisticsReport m) {
        stats.add(m);
    }

    @Override
    public void terminated(BmpRouter router, Termination m) {
        terminations.add(m);
    }

    @Override
    public void disconnected(BmpRouter router, int lost) {
        peersLost.add(lost);
        disconnects.release();
    }

    @Override
    public void damaged(BmpRouter router, long offset, String problem) {
        damage.add(router.address().getAddress().getHostAddress() + " offset " + offset + ": " + problem);
    }

    /** Waits for {@code n} disconnections; a guard against hanging, not a timing assertion. */
    void awaitDisconnects(int n) throws InterruptedException {
        if (!disconnects.tryAcquire(n, 120, TimeUnit.SECONDS)) {
            throw new AssertionError("only " + disconnects.availablePermits() + " of " + n + " connections closed");
        }
    }
}
