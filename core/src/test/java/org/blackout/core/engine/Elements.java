package org.blackout.core.engine;

import java.util.List;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** Synthetic route elements for tests: seconds for time, bgpdump-style text for paths. */
final class Elements {
    private Elements() {}

    static PathAttributes attrs(String path) {
        return new PathAttributes(List.of(new AsPathAttr(0x40, AsPath.parse(path), true)), Rfc7606Action.NONE, null);
    }

    static RouteElement announce(long sec, String peer, long peerAs, String prefix, String path) {
        return new RouteElement(sec * 1_000_000L, ElementType.ANNOUNCE, IpAddress.parse(peer), peerAs,
                Prefix.parse(prefix), 0, attrs(path), 0, 0);
    }

    static RouteElement announce(long sec, String peer, long peerAs, String prefix, String path, long pathId) {
        return new RouteElement(sec * 1_000_000L, ElementType.ANNOUNCE, IpAddress.parse(peer), peerAs,
                Prefix.parse(prefix), pathId, attrs(path), 0, 0);
    }

    static RouteElement withdraw(long sec, String peer, long peerAs, String prefix, long pathId) {
        return new RouteElement(sec * 1_000_000L, ElementType.WITHDRAW, IpAddress.parse(peer), peerAs,
                Prefix.parse(prefix), pathId, null, 0, 0);
    }

    static RouteElement rib(long sec, String peer, long peerAs, String prefix, String path) {
        return new RouteElement(sec * 1_000_000L, ElementType.RIB, IpAddress.parse(peer), peerAs,
                Prefix.parse(prefix), 0, attrs(path), 0, 0);
    }

    static RouteElement withdraw(long sec, String peer, long peerAs, String prefix) {
        return new RouteElement(sec * 1_000_000L, ElementType.WITHDRAW, IpAddress.parse(peer), peerAs,
                Prefix.parse(prefix), 0, null, 0, 0);
    }

    static RouteElement state(long sec, String peer, long peerAs, int oldState, int newState) {
        return new RouteElement(sec * 1_000_000L, ElementType.STATE, IpAddress.parse(peer), peerAs,
                null, 0, null, oldState, newState);
    }
}
