package org.blackout.wire.bmp;

import java.util.HashSet;
import java.util.Set;
import org.blackout.wire.bgp.Open;

/**
 * Which families carry RFC 7911 path identifiers on a monitored session, worked out from the Peer
 * Up's two OPENs: a family has them from the peer to the router (Adj-RIB-In) when the peer's OPEN
 * says send and the router's says receive, and the other way round for Adj-RIB-Out (RFC 8671).
 * For a Loc-RIB peer (RFC 9069 5.3) the router's OPEN alone says which families it sends with
 * path identifiers. Families are {@code afi << 8 | safi}.
 */
public record AddPath(Set<Integer> in, Set<Integer> out) {
    public static final AddPath NONE = new AddPath(Set.of(), Set.of());
    /** Path identifiers on every family and table: what a BMP v4 message that says so itself gets. */
    public static final AddPath ALWAYS = new AddPath(Set.of(-1), Set.of(-1));
    static final int RECEIVE = 1, SEND = 2;

    public static AddPath of(PerPeerHeader peer, Open sent, Open received) {
        if (peer.locRib()) {
            Set<Integer> any = families(sent, RECEIVE | SEND);
            return any.isEmpty() ? NONE : new AddPath(any, any);
        }
        Set<Integer> in = both(families(received, SEND), families(sent, RECEIVE));
        Set<Integer> out = both(families(sent, SEND), families(received, RECEIVE));
        return in.isEmpty() && out.isEmpty() ? NONE : new AddPath(in, out);
    }

    /** Whether the table {@code peer} names carries path identifiers for any family. */
    public boolean any(PerPeerHeader peer) {
        return peer.adjRibOut() ? !out.isEmpty() : !in.isEmpty();
    }

    public boolean has(PerPeerHeader peer, int afi, int safi) {
        return this == ALWAYS || (peer.adjRibOut() ? out : in).contains(afi << 8 | safi);
    }

    private static Set<Integer> families(Open open, int direction) {
        Set<Integer> s = new HashSet<>();
        if (open == null) return s;
        for (Open.Capability c : open.capabilities()) {
            if (c.code() != Open.CAP_ADD_PATH) continue;
            byte[] v = c.value();
            for (int i = 0; i + 4 <= v.length; i += 4) {
                int afi = ((v[i] & 0xff) << 8) | (v[i + 1] & 0xff);
                int safi = v[i + 2] & 0xff;
                if ((v[i + 3] & direction) != 0) s.add(afi << 8 | safi);
            }
        }
        return s;
    }

    private static Set<Integer> both(Set<Integer> a, Set<Integer> b) {
        a.retainAll(b);
        return Set.copyOf(a);
    }
}
