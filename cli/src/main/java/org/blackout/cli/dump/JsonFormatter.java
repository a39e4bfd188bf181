package org.blackout.cli.dump;

import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.As4Aggregator;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.ExtendedCommunities;
import org.blackout.wire.bgp.LargeCommunities;
import org.blackout.wire.bgp.LocalPref;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * One JSON object per route element, one per line. Keys: time (seconds, microsecond decimals),
 * type (announce/withdraw/rib/state), peer, peer_as, then prefix and path_id for routes,
 * attributes for announcements and RIB entries (as_path, origin, next_hop, local_pref, med,
 * communities, large_communities, extended_communities, atomic_aggregate, aggregator), rfc7606
 * (action and reason) when an attribute was malformed, old_state/new_state for state changes.
 */
public final class JsonFormatter {
    private final AsciiOut out;
    private long lines;

    public JsonFormatter(AsciiOut out) {
        this.out = out;
    }

    public long lines() {
        return lines;
    }

    public void accept(RouteElement e) {
        long t = e.timeMicros();
        out.str("{\"time\":").num(t / 1_000_000).ch('.').padded(t % 1_000_000, 6);
        out.str(",\"type\":\"").str(switch (e.type()) {
            case ANNOUNCE -> "announce";
            case WITHDRAW -> "withdraw";
            case RIB -> "rib";
            case STATE -> "state";
        }).str("\",\"peer\":");
        ip(e.peerAddress());
        out.str(",\"peer_as\":").num(e.peerAs());
        if (e.prefix() != null) {
            out.str(",\"prefix\":\"").str(e.prefix().toString()).ch('"');
            out.str(",\"path_id\":").num(e.pathId());
        }
        PathAttributes a = e.attributes();
        if (a != null) attributes(e, a);
        if (e.type() == org.blackout.wire.element.ElementType.STATE) {
            out.str(",\"old_state\":").num(e.oldState()).str(",\"new_state\":").num(e.newState());
        }
        out.str("}\n");
        lines++;
    }

    private void attributes(RouteElement e, PathAttributes a) {
        out.str(",\"as_path\":").json(a.asPath().toString());
        Origin o = a.origin();
        if (o != null) out.str(",\"origin\":\"").str(o.label()).ch('"');
        IpAddress nh = e.prefix() != null ? a.nextHopFor(e.prefix()) : a.nextHop();
        if (nh != null) {
            out.str(",\"next_hop\":");
            ip(nh);
        }
        LocalPref lp = a.localPref();
        if (lp != null) out.str(",\"local_pref\":").num(lp.value());
        MultiExitDisc med = a.med();
        if (med != null) out.str(",\"med\":").num(med.value());
        Communities c = a.communities();
        if (c != null) {
            out.str(",\"communities\":[");
            int[] v = c.values();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) out.ch(',');
                out.ch('"').num((v[i] >>> 16) & 0xffff).ch(':').num(v[i] & 0xffff).ch('"');
            }
            out.ch(']');
        }
        LargeCommunities lc = a.largeCommunities();
        if (lc != null) {
            out.str(",\"large_communities\":[");
            int[] v = lc.values();
            for (int i = 0; i + 2 < v.length; i += 3) {
                if (i > 0) out.ch(',');
                out.ch('"').num(v[i] & 0xffffffffL).ch(':').num(v[i + 1] & 0xffffffffL).ch(':')
                        .num(v[i + 2] & 0xffffffffL).ch('"');
            }
            out.ch(']');
        }
        ExtendedCommunities ec = a.extendedCommunities();
        if (ec != null) {
            out.str(",\"extended_communities\":[");
            long[] v = ec.values();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) out.ch(',');
                out.ch('"').str(String.format("%016x", v[i])).ch('"');
            }
            out.ch(']');
        }
        if (a.atomicAggregate() != null) out.str(",\"atomic_aggregate\":true");
        Aggregator ag = a.aggregator();
        As4Aggregator ag4 = a.as4Aggregator();
        if (ag != null) {
            boolean use4 = ag4 != null && ag.as() == 23456;
            out.str(",\"aggregator\":{\"as\":").num(use4 ? ag4.as() : ag.as()).str(",\"address\":");
            ip(use4 ? ag4.address() : ag.address());
            out.ch('}');
        }
        if (a.action() != Rfc7606Action.NONE) {
            out.str(",\"rfc7606\":{\"action\":\"").str(a.action().name().toLowerCase()).str("\",\"reason\":")
                    .json(a.reason()).ch('}');
        }
    }

    private void ip(IpAddress a) {
        if (a == null) {
            out.str("null");
            return;
        }
        out.ch('"');
        if (a.v6()) out.str(a.toString());
        else out.ipv4(a.v4Address());
        out.ch('"');
    }
}
