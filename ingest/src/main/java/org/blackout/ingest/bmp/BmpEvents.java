package org.blackout.ingest.bmp;

import org.blackout.wire.bmp.Initiation;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PeerUp;
import org.blackout.wire.bmp.StatisticsReport;
import org.blackout.wire.bmp.Termination;

/**
 * BMP-level happenings, delivered on the same thread as route elements and in order with them.
 * Every method does nothing by default.
 */
public interface BmpEvents {
    default void connected(BmpRouter router) {}

    /**
     * A connection from an address the listener does not accept was closed. Called on a network
     * thread, not the delivery thread.
     */
    default void refused(java.net.InetSocketAddress address) {}

    default void initiation(BmpRouter router, Initiation m) {}

    default void peerUp(BmpRouter router, PeerUp m) {}

    default void peerDown(BmpRouter router, PeerDown m) {}

    default void statistics(BmpRouter router, StatisticsReport m) {}

    /** The router said goodbye (the connection closes next). */
    default void terminated(BmpRouter router, Termination m) {}

    /**
     * The connection closed; {@code peersLost} monitored peers were still known, and each of their
     * tables got a STATE element to Idle.
     */
    default void disconnected(BmpRouter router, int peersLost) {}

    /**
     * A damaged message: {@code offset} is where it starts in the router's byte stream. The
     * listener skips it (or resynchronises on the next plausible header) and carries on.
     */
    default void damaged(BmpRouter router, long offset, String problem) {}

    /** Prints damage, refusals and disconnections to stderr, ignores the rest. */
    BmpEvents STDERR = new BmpEvents() {
        @Override
        public void refused(java.net.InetSocketAddress address) {
            System.err.println("bmp: refused " + address);
        }

        @Override
        public void damaged(BmpRouter router, long offset, String problem) {
            System.err.println("bmp " + router + ": offset " + offset + ": " + problem);
        }

        @Override
        public void disconnected(BmpRouter router, int peersLost) {
            System.err.println("bmp " + router + ": disconnected, " + peersLost + " peers were up");
        }
    };
}
