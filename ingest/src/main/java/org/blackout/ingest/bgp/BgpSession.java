package org.blackout.ingest.bgp;

import static org.blackout.wire.bgp.FsmState.ACTIVE;
import static org.blackout.wire.bgp.FsmState.ESTABLISHED;
import static org.blackout.wire.bgp.FsmState.IDLE;
import static org.blackout.wire.bgp.FsmState.OPEN_CONFIRM;
import static org.blackout.wire.bgp.FsmState.OPEN_SENT;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.bgp.FsmState;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtType;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.IpAddress;

/**
 * One passive BGP session on its own (virtual) thread: the RFC 4271 FSM from the accepted connection
 * (OpenSent, OpenConfirm, Established) with the hold timer as the socket read timeout and a scheduled
 * KEEPALIVE. Reading is blocking and the feed may block, so a slow engine slows the reads and TCP
 * pushes back on the peer. Never sends an UPDATE.
 */
final class BgpSession implements Runnable {
    /** RFC 4271 8.2.2: a large hold time until the OPEN has been exchanged. */
    private static final int INITIAL_HOLD_SECONDS = 240;
    private static final System.Logger LOG = System.getLogger("blackout.bgp");

    private final Socket socket;
    private final NeighbourConfig neighbour;
    private final BgpCollector collector;
    private final FeedSink sink;
    private final ScheduledExecutorService timers;
    private final IpAddress peerAddress, localAddress;
    private final RouteElements flattener = new RouteElements();
    private volatile FsmState state = ACTIVE;
    private volatile String closeReason;
    private OutputStream out;
    private ScheduledFuture<?> keepalive;
    private Capabilities caps;
    private BgpPeer peer;
    private long updates, endOfRibs;
    private volatile boolean notification; // sent or received: no graceful restart (RFC 4724 4.2)

    BgpSession(Socket socket, NeighbourConfig neighbour, BgpCollector collector, FeedSink sink,
            ScheduledExecutorService timers) {
        this.socket = socket;
        this.neighbour = neighbour;
        this.collector = collector;
        this.sink = sink;
        this.timers = timers;
        this.peerAddress = address((InetSocketAddress) socket.getRemoteSocketAddress());
        this.localAddress = address((InetSocketAddress) socket.getLocalSocketAddress());
    }

    static IpAddress address(InetSocketAddress a) {
        String s = a.getAddress().getHostAddress();
        int pct = s.indexOf('%');
        return IpAddress.parse(pct >= 0 ? s.substring(0, pct) : s);
    }

    IpAddress peerAddress() {
        return peerAddress;
    }

    String closeReason() {
        return closeReason == null ? "closed" : closeReason;
    }

    NeighbourConfig neighbour() {
        return neighbour;
    }

    FsmState state() {
        return state;
    }

    /** UPDATEs received on this session. */
    long updates() {
        return updates;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(INITIAL_HOLD_SECONDS * 1000);
            out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            send(SessionCodec.open(collector.config().localAs(), collector.config().holdTime(),
                    collector.config().routerId(), Capabilities.offer(collector.config().localAs(), neighbour.addPath(),
                            true)));
            state = OPEN_SENT;
            byte[] header = new byte[SessionCodec.HEADER];
            while (true) {
                in.readFully(header);
                int len = SessionCodec.checkHeader(header);
                byte[] m = new byte[len];
                System.arraycopy(header, 0, m, 0, SessionCodec.HEADER);
                in.readFully(m, SessionCodec.HEADER, len - SessionCodec.HEADER);
                receive(m);
            }
        } catch (BgpError e) {
            LOG.log(Level.WARNING, "{0}: sending NOTIFICATION {1}/{2}: {3}", name(), "" + e.code, "" + e.subcode, e.getMessage());
            notification = true;
            trySend(SessionCodec.notification(e.code, e.subcode, e.data));
            closeReason = e.getMessage();
        } catch (SocketTimeoutException e) {
            LOG.log(Level.WARNING, "{0}: hold timer expired", name());
            notification = true;
            trySend(SessionCodec.notification(BgpError.HOLD_TIMER_EXPIRED, 0, new byte[0]));
            closeReason = "hold timer expired";
        } catch (EOFException e) {
            if (closeReason == null) closeReason = "connection closed by peer";
        } catch (IOException e) {
            if (closeReason == null) closeReason = e.getMessage();
        } catch (InterruptedException e) {
            closeReason = "interrupted";
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name() + ": internal error", e);
            notification = true;
            trySend(SessionCodec.notification(BgpError.CEASE, 0, new byte[0]));
            closeReason = "internal error: " + e;
        } finally {
            end();
        }
    }

    private void receive(byte[] m) throws BgpError, InterruptedException, IOException {
        int type = m[18];
        if (type == 3) {
            notification = true;
            notificationReceived(m);
            throw new EOFException();
        }
        switch (state) {
            case OPEN_SENT -> {
                if (type != 1) throw fsmError(BgpError.UNEXPECTED_IN_OPEN_SENT, type);
                openReceived(SessionCodec.parseOpen(m));
            }
            case OPEN_CONFIRM -> {
                if (type != 4) throw fsmError(BgpError.UNEXPECTED_IN_OPEN_CONFIRM, type);
                established();
            }
            case ESTABLISHED -> {
                switch (type) {
                    case 2 -> updateReceived(m);
                    case 4, 5 -> { } // KEEPALIVE resets the hold timer by being read; ROUTE-REFRESH: nothing to send
                    default -> throw fsmError(BgpError.UNEXPECTED_IN_ESTABLISHED, type);
                }
            }
            default -> throw fsmError(0, type);
        }
    }

    private static BgpError fsmError(int subcode, int type) {
        return new BgpError(BgpError.FSM, subcode, "unexpected message type " + type);
    }

    private void openReceived(Open open) throws BgpError, IOException {
        if (open.as() != neighbour.as()) {
            throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.BAD_PEER_AS,
                    "peer AS " + open.as() + ", configured " + neighbour.as());
        }
        int id = open.bgpId().v4Address();
        if (id == 0 || id == collector.config().routerId()) {
            throw new BgpError(BgpError.OPEN_MESSAGE, BgpError.BAD_BGP_IDENTIFIER, "BGP identifier " + open.bgpId());
        }
        caps = Capabilities.negotiate(open.capabilities(), neighbour.addPath());
        int hold = Math.min(open.holdTime(), collector.config().holdTime());
        peer = new BgpPeer(collector.name(), peerAddress, neighbour.as(), localAddress, collector.config().localAs(), caps.as4(),
                caps.addPathV4() || caps.addPathV6(), open.bgpId());
        send(SessionCodec.KEEPALIVE);
        socket.setSoTimeout(hold * 1000); // 0: no hold timer, no keepalives (RFC 4271 4.4)
        if (hold > 0) {
            long every = Math.max(1000, hold * 1000L / 3);
            keepalive = timers.scheduleAtFixedRate(() -> trySend(SessionCodec.KEEPALIVE), every, every,
                    TimeUnit.MILLISECONDS);
        }
        state = OPEN_CONFIRM;
        LOG.log(Level.INFO, "{0}: OPEN from AS{1} id {2}, hold {3}s, {4}", name(), Long.toString(open.as()), open.bgpId(), Integer.toString(hold), caps);
    }

    private void established() throws InterruptedException {
        state = ESTABLISHED;
        if (helper().resume()) {
            LOG.log(Level.INFO, "{0}: Established again within the restart time (graceful restart)", name());
            return; // the feed never saw it go down
        }
        stateChange(OPEN_CONFIRM, ESTABLISHED);
        LOG.log(Level.INFO, "{0}: Established", name());
    }

    private GracefulRestartHelper helper() {
        return collector.helper(neighbour.address());
    }

    private void updateReceived(byte[] m) throws BgpError, InterruptedException {
        Update u = SessionCodec.parseUpdate(m, caps);
        updates++;
        if (SessionCodec.endOfRib(u)) {
            endOfRibs++;
            boolean v6 = u.attributes().mpUnreach() != null && u.attributes().mpUnreach().afi() == 2;
            long t = nowMicros();
            List<RouteElement> gone = helper().endOfRib(v6, t);
            if (!gone.isEmpty()) {
                LOG.log(Level.INFO, "{0}: End-of-RIB: {1} stale routes withdrawn", name(), Integer.toString(gone.size()));
                sink.accept(new FeedEvent.Derived(peer, t, gone));
            }
            return;
        }
        if (u.attributes().treatAsWithdraw()) {
            LOG.log(Level.WARNING, "{0}: UPDATE treated as withdraw (RFC 7606): {1}", name(), u.attributes().reason());
        }
        long t = nowMicros();
        MrtHeader h = new MrtHeader(t / 1_000_000, MrtType.BGP4MP_ET,
                peer.addPath() ? Bgp4mpMessage.MESSAGE_AS4_ADDPATH : Bgp4mpMessage.MESSAGE_AS4, 0, (int) (t % 1_000_000));
        List<RouteElement> elements = new ArrayList<>(8);
        flattener.accept(new Bgp4mpMessage(h, peer.peerAs(), peer.localAs(), 0, peer.peerAddress().v6() ? 2 : 1,
                peer.peerAddress(), peer.localAddress(), u), elements::add);
        if (caps.gracefulRestart()) helper().track(elements);
        sink.accept(new FeedEvent.Message(peer, t, m, u, elements));
    }

    private void notificationReceived(byte[] m) {
        int code = m[19] & 0xff, sub = m[20] & 0xff;
        byte[] data = new byte[m.length - 21];
        System.arraycopy(m, 21, data, 0, data.length);
        String comm = SessionCodec.shutdownCommunication(code, sub, data);
        closeReason = "NOTIFICATION " + code + "/" + sub + " received"
                + (comm != null ? ": \"" + comm + "\"" : data.length > 0 ? " data " + HexFormat.of().formatHex(data) : "");
        LOG.log(Level.INFO, "{0}: {1}", name(), closeReason);
    }

    private void stateChange(FsmState from, FsmState to) throws InterruptedException {
        long t = nowMicros();
        RouteElement e = new RouteElement(t, ElementType.STATE, peer.peerAddress(), peer.peerAs(), null, 0, null,
                from.code(), to.code());
        sink.accept(new FeedEvent.StateChange(peer, t, from.code(), to.code(), List.of(e)));
    }

    /** Ends the session from outside: Cease with an RFC 9003 shutdown communication, then close. */
    void shutdown(int subcode, String communication) {
        closeReason = communication;
        trySend(SessionCodec.notification(BgpError.CEASE, subcode, SessionCodec.shutdownCommunication(communication)));
        closeQuietly();
    }

    private void end() {
        if (keepalive != null) keepalive.cancel(false);
        closeQuietly();
        FsmState was = state;
        state = IDLE;
        LOG.log(Level.INFO, "{0}: down ({1}) after {2} UPDATEs", name(), closeReason, Long.toString(updates));
        if (peerAddress() != null) collector.recordCloseReason(this);
        if (was == ESTABLISHED && caps.gracefulRestart() && !notification && !collector.closing()) {
            BgpPeer p = peer;
            helper().peerRestarting(p, caps.restartTime(), collector.timers(), () -> Thread.ofVirtual().start(() -> {
                try {
                    LOG.log(Level.INFO, "{0}: not back within its restart time", name());
                    stateChange(ESTABLISHED, IDLE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        } else if (was == ESTABLISHED) {
            helper().clear();
            try {
                stateChange(ESTABLISHED, IDLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: could not report the session down: {1}", name(), e);
            }
        }
        collector.ended(this);
    }

    private synchronized void send(byte[] m) throws IOException {
        out.write(m);
        out.flush();
    }

    private void trySend(byte[] m) {
        try {
            if (out != null && !socket.isClosed()) send(m);
        } catch (IOException ignored) {
            // the connection is going away anyway
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
        }
    }

    String name() {
        return neighbour.description() + " (" + peerAddress + " AS" + neighbour.as() + ")";
    }

    static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
