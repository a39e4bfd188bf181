package org.blackout.wire.bmp;

import org.blackout.wire.bgp.FsmState;
import java.util.function.Consumer;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.MalformedAttribute;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * Flattens BMP messages into route elements, as {@code mrt.RouteElements} does for MRT: a Route
 * Monitoring UPDATE becomes WITHDRAW then ANNOUNCE elements (unicast, multicast and labeled
 * unicast; VPN and other families are not Internet routes and are skipped), a Peer Up a STATE
 * element from Idle (1) to Established (6), a Peer Down one from 6 to 1. The element's peer is the
 * per-peer header's address and AS; which router and table it came from is the caller's to record
 * (see {@link #table(PerPeerHeader)}).
 */
public final class BmpRouteElements {

    private BmpRouteElements() {}

    /**
     * @param arrivalMicros used when the per-peer header carries no timestamp (some routers send 0)
     * @throws DecodeException when labeled NLRI do not parse
     */
    public static void accept(BmpMessage m, long arrivalMicros, Consumer<RouteElement> out) {
        switch (m) {
            case RouteMonitoring r -> update(r, time(r.peer(), arrivalMicros), out);
            case PeerUp u -> out.accept(new RouteElement(time(u.peer(), arrivalMicros), ElementType.STATE,
                    u.peer().address(), u.peer().as(), null, 0, null, FsmState.IDLE.code(), FsmState.ESTABLISHED.code()));
            case PeerDown d -> out.accept(new RouteElement(time(d.peer(), arrivalMicros), ElementType.STATE,
                    d.peer().address(), d.peer().as(), null, 0, null, FsmState.ESTABLISHED.code(), FsmState.IDLE.code()));
            default -> { }
        }
    }

    /**
     * A short name for the table behind a per-peer header, for telling apart the same neighbour seen
     * pre- and post-policy, in and out, or in several VRFs: empty for a global pre-policy
     * Adj-RIB-In, else e.g. {@code "post"}, {@code "loc-rib"}, {@code "out-pre rd=0:64499:94"}.
     */
    public static String table(PerPeerHeader h) {
        String view = switch (h.view()) {
            case ADJ_RIB_IN_PRE -> "";
            case ADJ_RIB_IN_POST -> "post";
            case ADJ_RIB_OUT_PRE -> "out-pre";
            case ADJ_RIB_OUT_POST -> "out-post";
            case LOC_RIB -> "loc-rib";
        };
        if (h.distinguisher() == 0) return view;
        return view.isEmpty() ? "rd=" + h.distinguisherText() : view + " rd=" + h.distinguisherText();
    }

    private static long time(PerPeerHeader h, long arrivalMicros) {
        return h.timeMicros() != 0 ? h.timeMicros() : arrivalMicros;
    }

    private static void update(RouteMonitoring r, long t, Consumer<RouteElement> out) {
        Update u = r.update();
        IpAddress peer = r.peer().address();
        long as = r.peer().as();
        PathAttributes a = monitored(u.attributes());
        emit(t, ElementType.WITHDRAW, peer, as, u.withdrawn(), null, out);
        MpUnreachNlri unreach = a.mpUnreach();
        if (unreach != null) emit(t, ElementType.WITHDRAW, peer, as, withdrawn(unreach, r.addPath()), null, out);
        MpReachNlri reach = a.mpReach();
        Nlri reached = reach != null ? announced(reach, r.addPath()) : Nlri.EMPTY;
        if (a.treatAsWithdraw()) {
            // RFC 7606 treat-as-withdraw: keep the attributes so the element says why
            emit(t, ElementType.WITHDRAW, peer, as, u.nlri(), a, out);
            emit(t, ElementType.WITHDRAW, peer, as, reached, a, out);
            return;
        }
        emit(t, ElementType.ANNOUNCE, peer, as, u.nlri(), a, out);
        emit(t, ElementType.ANNOUNCE, peer, as, reached, a, out);
    }

    /**
     * A monitored router reports routes it holds, so a well-known attribute it left out is no reason to
     * read the route as withdrawn (FRR omits NEXT_HOP from the IPv4 routes of its Loc-RIB and
     * Adj-RIB-In, and pmacct keeps them). Only attributes that are themselves malformed keep the
     * RFC 7606 verdict.
     */
    static PathAttributes monitored(PathAttributes a) {
        if (!a.treatAsWithdraw()) return a;
        Rfc7606Action action = Rfc7606Action.NONE;
        String reason = null;
        for (PathAttribute p : a.list()) {
            if (p instanceof MalformedAttribute m && m.action().ordinal() > action.ordinal()) {
                action = m.action();
                reason = m.reason();
            }
        }
        return action == a.action() ? a : new PathAttributes(a.list(), action, reason);
    }

    private static Nlri withdrawn(MpUnreachNlri m, boolean addPath) {
        if (m.safi() == LabeledNlri.SAFI_LABELED_UNICAST && isIp(m.afi())) {
            return LabeledNlri.decode(m.unparsedNlri(), m.afi() == MpReachNlri.AFI_IPV6, addPath, true);
        }
        return isUnicast(m.safi()) ? m.withdrawn() : Nlri.EMPTY;
    }

    private static Nlri announced(MpReachNlri m, boolean addPath) {
        if (m.safi() == LabeledNlri.SAFI_LABELED_UNICAST && isIp(m.afi())) {
            return LabeledNlri.decode(m.unparsedNlri(), m.afi() == MpReachNlri.AFI_IPV6, addPath, false);
        }
        return isUnicast(m.safi()) ? m.nlri() : Nlri.EMPTY;
    }

    private static boolean isIp(int afi) {
        return afi == MpReachNlri.AFI_IPV4 || afi == MpReachNlri.AFI_IPV6;
    }

    private static boolean isUnicast(int safi) {
        return safi == MpReachNlri.SAFI_UNICAST || safi == MpReachNlri.SAFI_MULTICAST;
    }

    private static void emit(long t, ElementType type, IpAddress peer, long as, Nlri n, PathAttributes a,
            Consumer<RouteElement> out) {
        for (int i = 0, size = n.size(); i < size; i++) {
            out.accept(new RouteElement(t, type, peer, as, n.prefix(i), n.pathId(i), a, 0, 0));
        }
    }
}
