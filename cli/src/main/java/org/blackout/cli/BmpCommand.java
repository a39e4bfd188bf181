package org.blackout.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.blackout.core.config.HostPort;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.bmp.BmpRouter;
import org.blackout.wire.bmp.Initiation;
import org.blackout.wire.bmp.PeerDown;
import org.blackout.wire.bmp.PeerUp;
import org.blackout.wire.bmp.Termination;
import org.blackout.wire.element.RouteElement;
import org.blackout.pipeline.format.BmpLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blackout bmp}: a BMP station that prints what routers send. */
@Command(name = "bmp", mixinStandardHelpOptions = true,
        description = {"Listens for BMP (RFC 7854, 8671, 9069) from routers and prints one line per route element on "
                + "stdout: BMP|time|A, W or STATE|collector|peer|peer AS|prefix or old>new state|AS path. The collector "
                + "names the router and table (e.g. 'bmp:192.0.2.1 post', 'bmp:192.0.2.1 loc-rib').",
                "Connections, peers up and down, terminations and damaged messages (with the byte offset) go to stderr.",
                "",
                "By default it listens on 127.0.0.1:1790 only; to listen on another address give the routers' "
                        + "addresses or prefixes with --allow, or accept any router with --allow-any.",
                "",
                "  blackout bmp --listen 0.0.0.0:1790 --allow 192.0.2.1,2001:db8::1,10.0.0.0/8"})
final class BmpCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "where to accept routers (default ${DEFAULT-VALUE})")
    String listen = org.blackout.ingest.bmp.BmpAllow.DEFAULT_LISTEN;

    @Option(names = "--allow", split = ",", paramLabel = "ADDRESS[/LEN]",
            description = "accept only these routers (comma-separated addresses or prefixes); others are refused, "
                    + "each address logged once. Required to listen on a non-loopback address (or --allow-any)")
    java.util.List<String> allow;

    @Option(names = "--allow-any", description = "accept any router, also on a non-loopback --listen address")
    boolean allowAny;

    @Override
    public Integer call() throws Exception {
        HostPort hp;
        try {
            hp = HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            System.err.println("bmp: --listen: " + e.getMessage());
            return 2;
        }
        String host = hp.host();
        int port = hp.port();
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16);
        org.blackout.ingest.bmp.BmpAllow allowed;
        InetSocketAddress where;
        try {
            allowed = org.blackout.ingest.bmp.BmpAllow.parse(allow == null ? java.util.List.of() : allow, allowAny);
            where = new InetSocketAddress(host, port);
            if (where.isUnresolved()) throw new IllegalArgumentException("--listen: unknown host " + host);
            allowed.checkListen(where, "--allow ADDRESS[/LEN],...", "--allow-any");
        } catch (IllegalArgumentException e) {
            System.err.println("bmp: " + (e.getMessage().startsWith("--") || e.getMessage().startsWith("refusing")
                    ? e.getMessage() : "--allow: " + e.getMessage()));
            return 2;
        }
        try (BmpListener listener = new BmpListener((collector, e) -> print(out, collector, e), new Log(out))
                .allow(allowed)) {
            InetSocketAddress at = listener.bind(where);
            System.err.println("bmp: listening on " + at + " (Ctrl-C to stop)");
            // lines reach stdout within a second even when routers are quiet (BufferedWriter is synchronized)
            Thread.ofPlatform().daemon().name("bmp-flush").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        out.flush();
                    }
                } catch (InterruptedException | IOException e) {
                    // stdout gone or shutting down: nothing left to flush to
                }
            });
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } finally {
            out.flush();
        }
        return 0;
    }

    private static void print(Writer out, String collector, RouteElement e) {
        try {
            out.write(BmpLines.line(collector, e));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** Router-level events to stderr; flushes stdout when a router goes quiet or away. */
    private record Log(Writer out) implements BmpEvents {
        @Override
        public void refused(InetSocketAddress address) {
            System.err.println("bmp: refused " + address.getAddress().getHostAddress()
                    + " (not in --allow; further attempts from this address are not logged)");
        }

        @Override
        public void connected(BmpRouter router) {
            System.err.println("bmp: " + router + " connected");
        }

        @Override
        public void initiation(BmpRouter router, Initiation m) {
            System.err.println("bmp: " + router + " is " + m.sysName() + " (" + m.sysDescr() + ")");
        }

        @Override
        public void peerUp(BmpRouter router, PeerUp m) {
            System.err.println("bmp: " + router + " peer " + m.peer().address() + " AS" + m.peer().as() + " up");
        }

        @Override
        public void peerDown(BmpRouter router, PeerDown m) {
            System.err.println("bmp: " + router + " peer " + m.peer().address() + " AS" + m.peer().as() + " down, reason "
                    + m.reason());
            flush();
        }

        @Override
        public void terminated(BmpRouter router, Termination m) {
            System.err.println("bmp: " + router + " terminated, reason " + m.reason());
        }

        @Override
        public void disconnected(BmpRouter router, int peersLost) {
            System.err.println("bmp: " + router + " disconnected, " + peersLost + " peers were up");
            flush();
        }

        @Override
        public void damaged(BmpRouter router, long offset, String problem) {
            System.err.println("bmp: " + router + ": offset " + offset + ": " + problem);
        }

        private void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
