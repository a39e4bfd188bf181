package org.blackout.wire.bgp;

import java.util.List;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * The decoded path attributes of one UPDATE or RIB entry, in wire order, with the RFC 7606 verdict.
 * Convenience accessors pick the well-known attributes out of {@link #list()}.
 */
public final class PathAttributes {
    public static final PathAttributes EMPTY = new PathAttributes(List.of(), Rfc7606Action.NONE, null);

    private final List<PathAttribute> list;
    private final Rfc7606Action action;
    private final String reason;
    private Origin origin;
    private AsPathAttr asPathAttr;
    private As4PathAttr as4PathAttr;
    private NextHop nextHop;
    private MultiExitDisc med;
    private LocalPref localPref;
    private AtomicAggregate atomicAggregate;
    private Aggregator aggregator;
    private As4Aggregator as4Aggregator;
    private Communities communities;
    private ExtendedCommunities extendedCommunities;
    private LargeCommunities largeCommunities;
    private MpReachNlri mpReach;
    private MpUnreachNlri mpUnreach;
    private AsPath mergedAsPath;

    /**
     * @param list   attributes in wire order (malformed ones included as {@link MalformedAttribute})
     * @param action the harshest RFC 7606 action any attribute called for
     * @param reason why, or null when {@code action} is NONE
     */
    public PathAttributes(List<PathAttribute> list, Rfc7606Action action, String reason) {
        this.list = list;
        this.action = action;
        this.reason = reason;
        for (PathAttribute a : list) {
            switch (a) {
                case Origin o -> origin = o;
                case AsPathAttr p -> asPathAttr = p;
                case As4PathAttr p -> as4PathAttr = p;
                case NextHop n -> nextHop = n;
                case MultiExitDisc m -> med = m;
                case LocalPref l -> localPref = l;
                case AtomicAggregate x -> atomicAggregate = x;
                case Aggregator x -> aggregator = x;
                case As4Aggregator x -> as4Aggregator = x;
                case Communities c -> communities = c;
                case ExtendedCommunities c -> extendedCommunities = c;
                case LargeCommunities c -> largeCommunities = c;
                case MpReachNlri m -> mpReach = m;
                case MpUnreachNlri m -> mpUnreach = m;
                case OriginatorId x -> { }
                case ClusterList x -> { }
                case UnknownAttribute x -> { }
                case MalformedAttribute x -> { }
            }
        }
    }

    public List<PathAttribute> list() {
        return list;
    }

    /** AS_PATH merged with AS4_PATH per RFC 6793 where applicable; empty path if absent. */
    public AsPath asPath() {
        AsPath p = mergedAsPath;
        if (p == null) mergedAsPath = p = As4Merge.merge(asPathAttr, as4PathAttr, aggregator);
        return p;
    }

    /** The AS_PATH attribute as sent (2- or 4-octet), or null. */
    public AsPathAttr asPathAttribute() {
        return asPathAttr;
    }

    public As4PathAttr as4PathAttribute() {
        return as4PathAttr;
    }

    public Origin origin() {
        return origin;
    }

    /** NEXT_HOP, else the MP_REACH next hop; may be null. */
    public IpAddress nextHop() {
        if (nextHop != null) return nextHop.address();
        return mpReach != null ? mpReach.nextHop() : null;
    }

    /** The next hop that applies to a prefix: MP_REACH's for IPv6 (or when NEXT_HOP is absent), else NEXT_HOP. */
    public IpAddress nextHopFor(Prefix p) {
        if (mpReach != null && (p.v6() || nextHop == null)) return mpReach.nextHop();
        return nextHop != null ? nextHop.address() : null;
    }

    public NextHop nextHopAttribute() {
        return nextHop;
    }

    public MultiExitDisc med() {
        return med;
    }

    public LocalPref localPref() {
        return localPref;
    }

    public AtomicAggregate atomicAggregate() {
        return atomicAggregate;
    }

    public Aggregator aggregator() {
        return aggregator;
    }

    public As4Aggregator as4Aggregator() {
        return as4Aggregator;
    }

    public Communities communities() {
        return communities;
    }

    public ExtendedCommunities extendedCommunities() {
        return extendedCommunities;
    }

    public LargeCommunities largeCommunities() {
        return largeCommunities;
    }

    public MpReachNlri mpReach() {
        return mpReach;
    }

    public MpUnreachNlri mpUnreach() {
        return mpUnreach;
    }

    /** The RFC 7606 verdict for the whole UPDATE / RIB entry. */
    public Rfc7606Action action() {
        return action;
    }

    /** Why {@link #action()} is not NONE, else null. */
    public String reason() {
        return reason;
    }

    public boolean treatAsWithdraw() {
        return action == Rfc7606Action.TREAT_AS_WITHDRAW || action == Rfc7606Action.SESSION_RESET;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathAttributes p && p.list.equals(list) && p.action == action;
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        return "PathAttributes" + list + (action != Rfc7606Action.NONE ? " " + action + ": " + reason : "");
    }
}
