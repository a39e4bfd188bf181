package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.wire.net.IpAddress;

/**
 * What one BMP connection has said so far that later messages need: each monitored peer's ADD-PATH
 * families from its Peer Up, forgotten at its Peer Down. One per TCP connection; not thread-safe.
 */
public final class BmpSession implements BmpDecoder.AddPathLookup {
    /** A monitored peer: RFC 7854 says the peer type, distinguisher and address identify it. */
    private record PeerId(int type, long distinguisher, IpAddress address) {}

    private record Up(PerPeerHeader peer, AddPath addPath) {}

    private final Map<PeerId, Up> peers = new LinkedHashMap<>();

    /** Decodes the message in {@code buf[from, to)} and updates the session with it. */
    public BmpMessage decode(ByteBuf buf, int from, int to) {
        BmpMessage m = BmpDecoder.decode(buf, from, to, this);
        observe(m);
        return m;
    }

    public void observe(BmpMessage m) {
        switch (m) {
            case PeerUp u -> peers.put(id(u.peer()), new Up(u.peer(), u.addPath()));
            case PeerDown d -> peers.remove(id(d.peer()));
            default -> { }
        }
    }

    @Override
    public AddPath addPath(PerPeerHeader peer) {
        Up u = peers.get(id(peer));
        return u == null ? null : u.addPath;
    }

    /** The per-peer headers of the Peer Ups of peers that are still up, in the order they came up. */
    public List<PerPeerHeader> upPeers() {
        List<PerPeerHeader> out = new ArrayList<>(peers.size());
        for (Up u : peers.values()) out.add(u.peer);
        return out;
    }

    /** Peers that are up. */
    public int peers() {
        return peers.size();
    }

    private static PeerId id(PerPeerHeader h) {
        return new PeerId(h.peerType(), h.distinguisher(), h.address());
    }
}
