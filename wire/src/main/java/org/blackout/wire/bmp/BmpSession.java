package org.blackout.wire.bmp;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import org.blackout.wire.net.IpAddress;

/**
 * What one BMP connection has said so far that later messages need: each monitored peer's ADD-PATH
 * families from its Peer Up, forgotten at its Peer Down. One per TCP connection; not thread-safe.
 */
public final class BmpSession implements BmpDecoder.AddPathLookup {
    /** A monitored peer: RFC 7854 says the peer type, distinguisher and address identify it. */
    private record PeerId(int type, long distinguisher, IpAddress address) {}

    private final Map<PeerId, AddPath> peers = new HashMap<>();

    /** Decodes the message in {@code buf[from, to)} and updates the session with it. */
    public BmpMessage decode(ByteBuf buf, int from, int to) {
        BmpMessage m = BmpDecoder.decode(buf, from, to, this);
        observe(m);
        return m;
    }

    public void observe(BmpMessage m) {
        switch (m) {
            case PeerUp u -> peers.put(id(u.peer()), u.addPath());
            case PeerDown d -> peers.remove(id(d.peer()));
            default -> { }
        }
    }

    @Override
    public AddPath addPath(PerPeerHeader peer) {
        return peers.get(id(peer));
    }

    /** Peers that are up. */
    public int peers() {
        return peers.size();
    }

    private static PeerId id(PerPeerHeader h) {
        return new PeerId(h.peerType(), h.distinguisher(), h.address());
    }
}
