package org.blackout.ingest.bgp;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.net.IpAddress;

/**
 * A passive BGP route collector (RFC 4271): listens, accepts connections from configured neighbours
 * only (others get a NOTIFICATION Cease/Connection Rejected, RFC 4486, and a log line), and runs each
 * session on a virtual thread. One JVM holds hundreds of sessions: a session costs a virtual thread,
 * a 64 KiB read buffer and a timer entry. A new connection from a neighbour replaces its old session
 * (the old one is usually a dead TCP connection the peer has already given up on).
 */
public final class BgpCollector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("blackout.bgp");

    private final CollectorConfig config;
    private final FeedSink sink;
    private final Map<InetAddress, NeighbourConfig> neighbours;
    private final Map<InetAddress, BgpSession> sessions = new ConcurrentHashMap<>();
    private final Map<IpAddress, String> closeReasons = new ConcurrentHashMap<>();
    private final Map<InetAddress, GracefulRestartHelper> helpers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final java.util.Queue<Thread> threads = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean closing;
    private String name = "blackout";
    private volatile long refused;

    public BgpCollector(CollectorConfig config, FeedSink sink) {
        this.config = config;
        this.sink = sink;
        this.neighbours = config.neighbours().stream()
                .collect(Collectors.toUnmodifiableMap(NeighbourConfig::address, Function.identity()));
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bgp-timers").daemon().factory());
    }

    /** The collector name route elements are attributed to (default "blackout"). */
    public String name() {
        return name;
    }

    /** Names the collector for the engine; call before {@link #start}. */
    public BgpCollector named(String name) {
        this.name = name;
        return this;
    }

    public CollectorConfig config() {
        return config;
    }

    /** Binds and starts accepting; returns the bound address (useful with port 0). */
    public InetSocketAddress start() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(config.listen(), 64);
        acceptor = Thread.ofVirtual().name("bgp-accept").start(this::acceptLoop);
        LOG.log(Level.INFO, "BGP collector AS{0} listening on {1} for {2} neighbours", Long.toString(config.localAs()),
                server.getLocalSocketAddress(), Integer.toString(neighbours.size()));
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closing) LOG.log(Level.ERROR, "accept failed: {0}", e.toString());
                return;
            }
            InetAddress from = s.getInetAddress();
            NeighbourConfig n = neighbours.get(from);
            if (n == null) {
                refuse(s);
                continue;
            }
            BgpSession session = new BgpSession(s, n, this, sink, timers);
            BgpSession old = sessions.put(from, session);
            if (old != null) {
                LOG.log(Level.INFO, "{0}: new connection replaces the old session", old.name());
                old.shutdown(BgpError.ADMINISTRATIVE_RESET, "replaced by a new connection");
            }
            threads.add(Thread.ofVirtual().name("bgp-" + n.description()).start(session));
            threads.removeIf(t -> !t.isAlive());
        }
    }

    /** Not a configured neighbour: Cease/Connection Rejected (RFC 4486 subcode 5), then close. */
    private void refuse(Socket s) {
        refused++;
        LOG.log(Level.WARNING, "refused BGP connection from unconfigured neighbour {0}", s.getRemoteSocketAddress());
        try (s) {
            s.setSoLinger(true, 1);
            OutputStream out = s.getOutputStream();
            out.write(SessionCodec.notification(BgpError.CEASE, BgpError.CONNECTION_REJECTED, new byte[0]));
            out.flush();
        } catch (IOException ignored) {
            // the peer may already be gone; refusing is all we wanted
        }
    }

    GracefulRestartHelper helper(InetAddress neighbour) {
        return helpers.computeIfAbsent(neighbour, k -> new GracefulRestartHelper());
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    boolean closing() {
        return closing;
    }

    /** Called before the session reports itself down, so whoever sees the state change can read why. */
    void recordCloseReason(BgpSession s) {
        closeReasons.put(s.peerAddress(), s.closeReason());
    }

    void ended(BgpSession s) {
        sessions.remove(s.neighbour().address(), s);
        closeReasons.put(s.peerAddress(), s.closeReason());
    }

    /** Why the last session with this neighbour ended (a received NOTIFICATION with its RFC 9003 text, ...), or null. */
    public String lastCloseReason(IpAddress neighbour) {
        return closeReasons.get(neighbour);
    }

    /** Connections refused so far (unconfigured neighbours). */
    public long refused() {
        return refused;
    }

    /** Neighbour descriptions with an Established session. */
    public List<String> established() {
        return sessions.values().stream().filter(s -> s.state() == org.blackout.wire.bgp.FsmState.ESTABLISHED)
                .map(BgpSession::name).sorted().toList();
    }

    /**
     * Stops listening, closes every session with Cease/Administrative Shutdown and the RFC 9003
     * communication, and waits (up to 5 s) until each has handed its session-down to the feed.
     */
    public void shutdown(String communication) {
        closing = true;
        try {
            if (server != null) server.close();
        } catch (IOException ignored) {
        }
        for (BgpSession s : sessions.values()) s.shutdown(BgpError.ADMINISTRATIVE_SHUTDOWN, communication);
        // wait for the sessions to report their end (the STATE elements), so the feed can be closed after us
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
    }

    @Override
    public void close() {
        shutdown("Blackout collector shutting down");
    }
}
