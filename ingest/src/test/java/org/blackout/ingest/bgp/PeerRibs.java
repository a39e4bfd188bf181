package org.blackout.ingest.bgp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/** The test's view of what the engine would hold: per peer, prefix to attributes; a session down clears the peer. */
final class PeerRibs implements Consumer<RouteElement> {
    final Map<IpAddress, Map<Prefix, PathAttributes>> ribs = new ConcurrentHashMap<>();
    final List<RouteElement> states = new CopyOnWriteArrayList<>();
    final List<RouteElement> all = new CopyOnWriteArrayList<>();
    volatile boolean keepAll;

    @Override
    public void accept(RouteElement e) {
        if (keepAll) all.add(e);
        Map<Prefix, PathAttributes> rib = ribs.computeIfAbsent(e.peerAddress(), k -> new ConcurrentHashMap<>());
        switch (e.type()) {
            case ANNOUNCE, RIB -> rib.put(e.prefix(), e.attributes());
            case WITHDRAW -> rib.remove(e.prefix());
            case STATE -> {
                // clear first: tests wait on the state list, then read the RIB from another thread
                if (e.newState() != 6) rib.clear();
                states.add(e);
            }
        }
    }

    Set<Prefix> prefixes(IpAddress peer) {
        return Set.copyOf(ribs.getOrDefault(peer, Map.of()).keySet());
    }

    PathAttributes attributes(IpAddress peer, Prefix p) {
        return ribs.getOrDefault(peer, Map.of()).get(p);
    }

    List<RouteElement> states(IpAddress peer) {
        return states.stream().filter(s -> s.peerAddress().equals(peer)).collect(Collectors.toList());
    }

    static boolean isState(RouteElement e) {
        return e.type() == ElementType.STATE;
    }
}
