package org.blackout.wire.mrt;

import java.util.List;
import java.util.function.Consumer;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * Flattens MRT records into route elements. Keeps the PEER_INDEX_TABLE of the current file, so feed
 * it the records of one file in order (call {@link #reset()} between files, or just make a new one).
 * Order within an UPDATE: withdrawals (IPv4 field, then MP_UNREACH), then announcements (IPv4 NLRI,
 * then MP_REACH). An UPDATE that RFC 7606 says to treat as withdraw yields WITHDRAW elements that keep
 * the attributes (see {@link RouteElement}). Messages sent by the collector (_LOCAL) are skipped.
 */
public final class RouteElements {
    private PeerIndexTable peers;

    public void reset() {
        peers = null;
    }

    public void accept(MrtRecord r, Consumer<RouteElement> out) {
        switch (r) {
            case Bgp4mpMessage m -> {
                if (!m.local() && m.message() instanceof Update u) update(m, u, out);
            }
            case Bgp4mpStateChange s -> out.accept(new RouteElement(s.header().timeMicros(), ElementType.STATE,
                    s.peerAddress(), s.peerAs(), null, 0, null, s.oldState(), s.newState()));
            case RibEntries rib -> ribEntries(rib, out);
            case TableDump t -> out.accept(new RouteElement(t.header().timeMicros(), ElementType.RIB,
                    t.peerAddress(), t.peerAs(), t.prefix(), 0, t.attributes(), 0, 0));
            case PeerIndexTable p -> peers = p;
            case UnknownRecord u -> { }
        }
    }

    private void ribEntries(RibEntries rib, Consumer<RouteElement> out) {
        if (rib.prefix() == null) return; // a family we do not flatten (kept undecoded)
        long t = rib.header().timeMicros();
        List<PeerIndexTable.Peer> table = peers != null ? peers.peers() : List.of();
        for (RibEntries.RibEntry e : rib.entries()) {
            IpAddress addr = null;
            long as = 0;
            if (e.peerIndex() < table.size()) {
                PeerIndexTable.Peer p = table.get(e.peerIndex());
                addr = p.address();
                as = p.as();
            }
            out.accept(new RouteElement(t, ElementType.RIB, addr, as, rib.prefix(), e.pathId(), e.attributes(), 0, 0));
        }
    }

    private static void update(Bgp4mpMessage m, Update u, Consumer<RouteElement> out) {
        long t = m.header().timeMicros();
        IpAddress peer = m.peerAddress();
        long as = m.peerAs();
        PathAttributes a = u.attributes();
        withdraw(t, peer, as, u.withdrawn(), out, null);
        MpUnreachNlri unreach = a.mpUnreach();
        if (unreach != null) withdraw(t, peer, as, unreach.withdrawn(), out, null);
        MpReachNlri reach = a.mpReach();
        if (a.treatAsWithdraw()) {
            withdraw(t, peer, as, u.nlri(), out, a);
            if (reach != null) withdraw(t, peer, as, reach.nlri(), out, a);
            return;
        }
        announce(t, peer, as, u.nlri(), a, out);
        if (reach != null) announce(t, peer, as, reach.nlri(), a, out);
    }

    private static void withdraw(long t, IpAddress peer, long as, Nlri n, Consumer<RouteElement> out,
            PathAttributes why) {
        for (int i = 0, size = n.size(); i < size; i++) {
            out.accept(new RouteElement(t, ElementType.WITHDRAW, peer, as, n.prefix(i), n.pathId(i), why, 0, 0));
        }
    }

    private static void announce(long t, IpAddress peer, long as, Nlri n, PathAttributes a,
            Consumer<RouteElement> out) {
        for (int i = 0, size = n.size(); i < size; i++) {
            out.accept(new RouteElement(t, ElementType.ANNOUNCE, peer, as, n.prefix(i), n.pathId(i), a, 0, 0));
        }
    }
}
