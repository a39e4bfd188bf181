package org.blackout.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.ingest.bgp.BgpCollector;
import org.blackout.ingest.bgp.FeedDispatcher;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.net.IpAddress;

/**
 * Routes per second from one real GoBGP session into the collector. A speaker in this process feeds
 * gobgpd N IPv4 /24s (10 per UPDATE, 1000 distinct AS paths) over BGP; gobgpd exports them to the
 * collector over loopback. Prints the collector's receive rate and both processes' CPU seconds, which
 * say who was the bottleneck (the one near 100% of a core while the other waits).
 * With {@code direct}, the speaker talks to the collector itself (one prefix per UPDATE, as GoBGP sends
 * them), which gives the collector's own ceiling on this machine.
 * Usage: GobgpCollectorBench [routes] [direct] ; the GoBGP mode needs gobgpd on PATH.
 */
public final class GobgpCollectorBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        if (args.length > 1 && args[1].equals("direct")) {
            direct(n);
            return;
        }
        Path dir = Files.createTempDirectory("gobgp-bench");
        AtomicLong announced = new AtomicLong();
        long[] firstLast = new long[2];
        FeedDispatcher feed = new FeedDispatcher(4096, e -> { }, el -> {
            if (el.type() == ElementType.ANNOUNCE) {
                long c = announced.incrementAndGet();
                if (c == 1) firstLast[0] = System.nanoTime();
                if (c == n) firstLast[1] = System.nanoTime();
            }
        });
        BgpCollector collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), 90,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.3"), 65002, "gobgp", false))), feed);
        int port = collector.start().getPort();
        int api = freePort(), bgp = freePort();
        Files.writeString(dir.resolve("gobgpd.toml"), """
                [global.config]
                  as = 65002
                  router-id = "10.0.0.3"
                  port = %d
                  local-address-list = ["127.0.0.3"]
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.4"
                    peer-as = 64999
                  [neighbors.transport.config]
                    passive-mode = true
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "127.0.0.1"
                    peer-as = 65000
                  [neighbors.transport.config]
                    local-address = "127.0.0.3"
                    remote-port = %d
                  [neighbors.timers.config]
                    connect-retry = 1
                """.formatted(bgp, port));
        Process gobgpd = new ProcessBuilder("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "--api-hosts",
                "127.0.0.1:" + api, "--pprof-disable", "-p", "-l", "warn").redirectErrorStream(true)
                .redirectOutput(dir.resolve("gobgpd.out").toFile()).start();
        try {
            while (collector.established().isEmpty()) Thread.sleep(100);
            Socket s = connect(new InetSocketAddress("127.0.0.3", bgp));
            OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            long cpuGo0 = cpuTicks(gobgpd.pid()), cpuMe0 = myCpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += 10) out.write(update(i, Math.min(10, n - i)));
            out.flush();
            long sent = System.nanoTime();
            while (announced.get() < n) Thread.sleep(50);
            long cpuGo = cpuTicks(gobgpd.pid()) - cpuGo0, cpuMe = myCpu() - cpuMe0;
            double wall = (firstLast[1] - firstLast[0]) / 1e9;
            System.out.printf(Locale.ROOT, "routes %d: speaker→gobgpd written in %.1f s; collector received the first "
                            + "after %.1f s, all %d in %.1f s: %.0f routes/s%n", n, (sent - t0) / 1e9,
                    (firstLast[0] - t0) / 1e9, n, wall, n / wall);
            System.out.printf(Locale.ROOT, "CPU during the run: gobgpd %.1f s, Blackout JVM %.1f s (wall %.1f s since the "
                    + "speaker started, 2 cores shared)%n", cpuGo / 100.0, cpuMe / 1e9, (System.nanoTime() - t0) / 1e9);
            s.close();
        } finally {
            gobgpd.destroy();
            collector.close();
            feed.close();
        }
    }

    /** The collector alone: a speaker at 127.0.0.4 sends n one-prefix UPDATEs straight to it. */
    static void direct(int n) throws Exception {
        AtomicLong announced = new AtomicLong();
        long[] last = new long[1];
        FeedDispatcher feed = new FeedDispatcher(4096, e -> { }, el -> {
            if (el.type() == ElementType.ANNOUNCE && announced.incrementAndGet() == n) last[0] = System.nanoTime();
        });
        try (BgpCollector collector = new BgpCollector(new CollectorConfig(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 65000, IpAddress.parse("10.0.0.1").v4Address(),
                90, List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.4"), 64999, "speaker", false))), feed)) {
            InetSocketAddress at = collector.start();
            Socket s = connect(at);
            OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            while (collector.established().isEmpty()) Thread.sleep(10);
            long cpu0 = myCpu(), t0 = System.nanoTime();
            for (int i = 0; i < n; i++) out.write(update(i, 1));
            out.flush();
            while (announced.get() < n) Thread.sleep(10);
            double wall = (last[0] - t0) / 1e9;
            System.out.printf(Locale.ROOT, "direct: %d one-prefix UPDATEs in %.1f s: %.0f routes/s; JVM CPU %.1f s "
                    + "(speaker included)%n", n, wall, n / wall, (myCpu() - cpu0) / 1e9);
            s.close();
        } finally {
            feed.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A speaker session (AS 64999, hold 90) to gobgpd; a reader thread drains what gobgpd sends. */
    static Socket connect(InetSocketAddress to) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.4"), 0));
                s.connect(to, 5000);
                OutputStream o = s.getOutputStream();
                byte[] caps = {2, 6, 65, 4, 0, 0, (byte) 0xfd, (byte) 0xe7};
                byte[] body = new byte[10 + caps.length];
                body[0] = 4;
                body[1] = (byte) 0xfd;
                body[2] = (byte) 0xe7;
                body[4] = 90;
                body[5] = 10;
                body[8] = 4;
                body[9] = (byte) caps.length;
                System.arraycopy(caps, 0, body, 10, caps.length);
                o.write(message(1, body));
                o.write(message(4, new byte[0]));
                o.flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                Thread.ofVirtual().start(() -> {
                    try {
                        byte[] h = new byte[19];
                        while (true) {
                            in.readFully(h);
                            in.readFully(new byte[(((h[16] & 0xff) << 8) | (h[17] & 0xff)) - 19]);
                        }
                    } catch (IOException ignored) {
                    }
                });
                return s;
            } catch (IOException e) {
                if (attempt > 100) throw e;
                Thread.sleep(200);
            }
        }
    }

    static byte[] message(int type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (m.length >> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    /** One UPDATE: /24s number first..first+count-1 from 1.0.0.0 up, AS path 64999 (1000 + first/10 % 1000). */
    static byte[] update(int first, int count) {
        int path = 1000 + (first / 10) % 1000;
        List<Byte> b = new ArrayList<>();
        byte[] attrs = {0x40, 1, 1, 0, 0x40, 2, 10, 2, 2, 0, 0, (byte) 0xfd, (byte) 0xe7, 0, 0, (byte) (path >> 8),
                (byte) path, 0x40, 3, 4, (byte) 192, 0, 2, 4};
        byte[] body = new byte[4 + attrs.length + count * 4];
        body[3] = (byte) attrs.length;
        System.arraycopy(attrs, 0, body, 4, attrs.length);
        int p = 4 + attrs.length;
        for (int i = 0; i < count; i++) {
            int a = (first + i + (1 << 16)) << 8;
            body[p++] = 24;
            body[p++] = (byte) (a >>> 24);
            body[p++] = (byte) (a >>> 16);
            body[p++] = (byte) (a >>> 8);
        }
        return message(2, body);
    }

    static long cpuTicks(long pid) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, clock ticks (100/s)
    }

    static long myCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
