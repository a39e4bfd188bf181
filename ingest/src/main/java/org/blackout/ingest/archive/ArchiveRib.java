package org.blackout.ingest.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.ingest.bgp.BgpPeer;
import org.blackout.wire.bgp.As4PathAttr;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.PeerIndexTable;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * The routes every live peer currently announces, kept for the periodic TABLE_DUMP_V2 snapshots.
 * Attributes are stored in the RIB-entry form (RFC 6396 4.3.4): MP_UNREACH dropped, MP_REACH cut
 * down to its next hop for IPv6 and dropped for IPv4, AS_PATH with 4-octet ASNs; the form is computed
 * once per UPDATE and shared by its prefixes. A peer whose session goes down loses its routes.
 */
final class ArchiveRib {
    record PeerKey(IpAddress address, long as) {}

    record Entry(int peerIndex, long pathId, long originated, PathAttributes attributes) {}

    private final Map<PeerKey, Integer> peerIndex = new LinkedHashMap<>();
    private final List<PeerIndexTable.Peer> peers = new ArrayList<>();
    private final List<Boolean> addPath = new ArrayList<>();
    private final Map<Prefix, List<Entry>> routes = new HashMap<>();
    // per UPDATE: its attributes in RIB form, v4 and v6 (the UPDATE's PathAttributes object is the key)
    private final Map<PathAttributes, PathAttributes[]> forms = new IdentityHashMap<>();

    int index(BgpPeer p) {
        return peerIndex.computeIfAbsent(new PeerKey(p.peerAddress(), p.peerAs()), k -> {
            int type = (p.peerAddress().v6() ? 1 : 0) | 2; // always 4-octet AS in the table
            peers.add(new PeerIndexTable.Peer(type, p.bgpId() != null ? p.bgpId() : IpAddress.v4(0),
                    p.peerAddress(), p.peerAs()));
            addPath.add(p.addPath());
            return peers.size() - 1;
        });
    }

    List<PeerIndexTable.Peer> peers() {
        return peers;
    }

    boolean addPath(int peer) {
        return addPath.get(peer);
    }

    Map<Prefix, List<Entry>> routes() {
        return routes;
    }

    /** Applies the ANNOUNCE / WITHDRAW elements of one UPDATE. */
    void apply(BgpPeer peer, List<RouteElement> elements) {
        int idx = index(peer);
        forms.clear();
        for (RouteElement e : elements) {
            switch (e.type()) {
                case ANNOUNCE -> put(e.prefix(), new Entry(idx, e.pathId(), e.timeMicros() / 1_000_000,
                        ribForm(e.attributes(), e.prefix().v6())));
                case WITHDRAW -> remove(e.prefix(), idx, e.pathId());
                default -> { }
            }
        }
    }

    /** A session went down: its routes are gone. */
    void peerDown(BgpPeer peer) {
        Integer idx = peerIndex.get(new PeerKey(peer.peerAddress(), peer.peerAs()));
        if (idx == null) return;
        for (Iterator<List<Entry>> it = routes.values().iterator(); it.hasNext(); ) {
            List<Entry> l = it.next();
            l.removeIf(x -> x.peerIndex() == idx);
            if (l.isEmpty()) it.remove();
        }
    }

    private void put(Prefix p, Entry e) {
        List<Entry> l = routes.computeIfAbsent(p, k -> new ArrayList<>(2));
        for (int i = 0; i < l.size(); i++) {
            Entry x = l.get(i);
            if (x.peerIndex() == e.peerIndex() && x.pathId() == e.pathId()) {
                l.set(i, e);
                return;
            }
        }
        l.add(e);
    }

    private void remove(Prefix p, int peer, long pathId) {
        List<Entry> l = routes.get(p);
        if (l == null) return;
        l.removeIf(x -> x.peerIndex() == peer && x.pathId() == pathId);
        if (l.isEmpty()) routes.remove(p);
    }

    private PathAttributes ribForm(PathAttributes a, boolean v6) {
        PathAttributes[] f = forms.computeIfAbsent(a, k -> new PathAttributes[2]);
        int i = v6 ? 1 : 0;
        if (f[i] == null) f[i] = convert(a, v6);
        return f[i];
    }

    static PathAttributes convert(PathAttributes a, boolean v6) {
        List<PathAttribute> out = new ArrayList<>(a.list().size());
        boolean twoOctet = a.asPathAttribute() != null && !a.asPathAttribute().fourOctet();
        for (PathAttribute p : a.list()) {
            switch (p) {
                case MpUnreachNlri u -> { }
                case MpReachNlri r -> {
                    if (v6) {
                        out.add(new MpReachNlri(r.flags(), r.afi(), r.safi(), r.nextHopBytes(), r.nextHop(),
                                r.linkLocalNextHop(), 0, Nlri.EMPTY, new byte[0], true));
                    }
                }
                case AsPathAttr ap when twoOctet -> out.add(new AsPathAttr(ap.flags(), a.asPath(), true));
                case As4PathAttr ap4 when twoOctet -> { } // merged into AS_PATH above
                default -> out.add(p);
            }
        }
        return new PathAttributes(out, Rfc7606Action.NONE, null);
    }
}
