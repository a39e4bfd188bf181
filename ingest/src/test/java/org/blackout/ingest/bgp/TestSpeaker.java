package org.blackout.ingest.bgp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * A minimal active BGP speaker for tests: feeds routes into a real daemon (which then exports them to
 * the collector), because {@code gobgp mrt inject} loses part of its input. UPDATEs come from the wire
 * encoder; hold time 90 with a KEEPALIVE every 30 s (GoBGP mishandles hold time 0: its write deadline
 * becomes "now").
 */
final class TestSpeaker implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Thread reader, keepalive;

    TestSpeaker(InetAddress local, InetSocketAddress daemon, long as, int routerId) throws IOException {
        this(local, daemon, as, routerId, true);
    }

    /** With {@code handshake} false only the OPEN is sent and nothing is awaited (for refused or failed OPENs). */
    TestSpeaker(InetAddress local, InetSocketAddress daemon, long as, int routerId, boolean handshake) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(daemon, 5000);
        out = socket.getOutputStream();
        byte[] caps = {2, 18, 1, 4, 0, 1, 0, 1, 1, 4, 0, 2, 0, 1, 65, 4,
                (byte) (as >>> 24), (byte) (as >>> 16), (byte) (as >>> 8), (byte) as};
        out.write(SessionCodec.open(as, 90, routerId, caps));
        if (handshake) out.write(SessionCodec.KEEPALIVE);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        // wait for the daemon's OPEN and KEEPALIVE, then drain whatever it sends
        if (handshake) {
            readMessage(in);
            readMessage(in);
        }
        reader = Thread.ofVirtual().start(() -> {
            try {
                while (true) readMessage(in);
            } catch (IOException ignored) {
            }
        });
        keepalive = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    synchronized (this) {
                        out.write(SessionCodec.KEEPALIVE);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException ignored) {
            }
        });
    }

    /** The NOTIFICATION the peer sent (code, subcode, data), or null. */
    volatile byte[] notification;

    private int readMessage(DataInputStream in) throws IOException {
        byte[] h = new byte[19];
        in.readFully(h);
        int len = ((h[16] & 0xff) << 8) | (h[17] & 0xff);
        byte[] body = new byte[len - 19];
        in.readFully(body);
        if (h[18] == 3) {
            notification = body;
            throw new IOException("NOTIFICATION received");
        }
        return h[18];
    }

    /** Writes bytes as they are: for malformed messages. */
    synchronized void sendRaw(byte[] m) throws IOException {
        out.write(m);
        out.flush();
    }

    void announce(List<Prefix> prefixes, long[] asPath, IpAddress nextHop4, IpAddress nextHop6) throws IOException {
        for (List<Prefix> chunk : chunks(prefixes)) {
            List<PathAttribute> attrs = new ArrayList<>(List.of(new Origin(0x40, Origin.IGP),
                    new AsPathAttr(0x40, AsPath.ofSequence(asPath), true)));
            Nlri nlri = Nlri.EMPTY;
            if (chunk.getFirst().v6()) {
                byte[] nh = new byte[16];
                Unpooled.wrappedBuffer(nh).setLong(0, nextHop6.hi()).setLong(8, nextHop6.lo());
                attrs.add(new MpReachNlri(0x80, MpReachNlri.AFI_IPV6, MpReachNlri.SAFI_UNICAST, nh, nextHop6, null, 0,
                        new Nlri(chunk.toArray(Prefix[]::new), null), new byte[0], false));
            } else {
                attrs.add(new NextHop(0x40, nextHop4));
                nlri = new Nlri(chunk.toArray(Prefix[]::new), null);
            }
            send(new Update(Nlri.EMPTY, new PathAttributes(attrs, Rfc7606Action.NONE, null), nlri));
        }
    }

    void withdraw(List<Prefix> prefixes) throws IOException {
        for (List<Prefix> chunk : chunks(prefixes)) {
            Nlri n = new Nlri(chunk.toArray(Prefix[]::new), null);
            if (chunk.getFirst().v6()) {
                PathAttributes a = new PathAttributes(List.of(new MpUnreachNlri(0x80, MpReachNlri.AFI_IPV6,
                        MpReachNlri.SAFI_UNICAST, n, new byte[0])), Rfc7606Action.NONE, null);
                send(new Update(Nlri.EMPTY, a, Nlri.EMPTY));
            } else {
                send(new Update(n, PathAttributes.EMPTY, Nlri.EMPTY));
            }
        }
    }

    /** One family per chunk, few enough /24s or /48s to fit a 4096-octet UPDATE. */
    private static List<List<Prefix>> chunks(List<Prefix> prefixes) {
        List<List<Prefix>> out = new ArrayList<>();
        List<Prefix> cur = new ArrayList<>();
        for (Prefix p : prefixes) {
            if (!cur.isEmpty() && (cur.size() == 400 || cur.getFirst().v6() != p.v6())) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(p);
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    private synchronized void send(Update u) throws IOException {
        ByteBuf b = Unpooled.buffer(4096);
        BgpEncoder.encode(u, b);
        out.write(ByteBufUtil.getBytes(b));
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        reader.interrupt();
        keepalive.interrupt();
    }
}
