import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile clients for a running `blackout serve` (bench/api-faults/run.sh drives it):
 *
 *   unknown BASE N CONCURRENCY
 *       N requests, each for a distinct entity the store does not hold (signals, entity and events
 *       endpoints in turn); prints the answers by status.
 *   storm BASE SECONDS CLIENTS SLOW CODES
 *       SLOW slowloris connections (half a request header, one byte every 5 s; and requests for
 *       large answers whose responses are never read) while CLIENTS closed-loop clients ask random
 *       countries (from the file CODES), unknown entities and random windows, and one probe asks
 *       /health every 100 ms; prints requests, errors and latency percentiles for clients and probe.
 */
public class ApiFaults {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "codes" -> System.out.println(String.join("\n", java.util.Locale.getISOCountries()));
            case "unknown" -> unknown(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "storm" -> storm(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Files.readAllLines(Path.of(args[5])));
            default -> throw new IllegalArgumentException("mode: unknown | storm");
        }
    }

    static int get(String url) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void unknown(String base, int n, int concurrency) throws Exception {
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                ex.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        long as = 3_000_000_000L + i; // 4-octet ASNs no store of country signals holds
                        String url = switch (i % 3) {
                            case 0 -> base + "/api/signals?entity=as:" + as;
                            case 1 -> base + "/api/entities/as:" + as;
                            default -> base + "/api/events?entity=as:" + as;
                        };
                        try {
                            byStatus.computeIfAbsent(get(url), k -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println("unknown-entity requests: " + n + ", by status " + new TreeMap<>(byStatus) + ", failed " + failed);
    }

    static void storm(String base, int seconds, int clients, int slow, List<String> codes) throws Exception {
        URI u = URI.create(base);
        InetSocketAddress addr = new InetSocketAddress(u.getHost(), u.getPort());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Socket> lorises = new ArrayList<>();
        AtomicInteger slowOpen = new AtomicInteger(), slowClosedByServer = new AtomicInteger();
        // half of them: an endless request header; the other half: a large answer never read
        for (int i = 0; i < slow; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(1024);
            s.connect(addr, 5000);
            lorises.add(s);
            OutputStream out = s.getOutputStream();
            if (i % 2 == 0) {
                out.write(("GET /api/signals?entity=country:US HTTP/1.1\r\nHost: x\r\n").getBytes(StandardCharsets.US_ASCII));
            } else {
                String req = "GET /api/signals?entity=country:" + codes.get(i % codes.size())
                        + "&from=2014-11-23T00:00:00Z&to=2014-12-23T00:00:00Z HTTP/1.1\r\nHost: x\r\n\r\n";
                for (int k = 0; k < 50; k++) out.write(req.getBytes(StandardCharsets.US_ASCII)); // pipelined, never read
            }
            out.flush();
            slowOpen.incrementAndGet();
        }
        Thread dripper = Thread.ofVirtual().start(() -> {
            int k = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < lorises.size(); i += 2) {
                    try {
                        lorises.get(i).getOutputStream().write(("X-" + (k++) + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        slowClosedByServer.incrementAndGet();
                    }
                }
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long last = 1419292800L;
        List<long[]> clientLat = new ArrayList<>(), probeLat = new ArrayList<>();
        AtomicLong errors = new AtomicLong(), probeErrors = new AtomicLong();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                long[] lat = new long[1 << 20];
                clientLat.add(lat);
                ex.submit(() -> {
                    int n = 0;
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end && n < lat.length - 1) {
                        String entity = r.nextInt(10) == 0 ? "as:" + (3_000_000_000L + r.nextInt(1 << 30))
                                : "country:" + codes.get(r.nextInt(codes.size()));
                        long to = last - r.nextLong(0, 40 * 86400L);
                        long from = to - r.nextLong(3600, 30 * 86400L);
                        long t0 = System.nanoTime();
                        try {
                            int st = get(base + "/api/signals?entity=" + entity + "&from=" + from + "&to=" + to);
                            byStatus.computeIfAbsent(st, k -> new AtomicInteger()).incrementAndGet();
                            if (st >= 500) errors.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        lat[++n] = System.nanoTime() - t0;
                    }
                    lat[0] = n;
                    return null;
                });
            }
            long[] plat = new long[1 << 16];
            probeLat.add(plat);
            ex.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < plat.length - 1) {
                    long t0 = System.nanoTime();
                    try {
                        if (get(base + "/health") != 200) probeErrors.incrementAndGet();
                    } catch (Exception e) {
                        probeErrors.incrementAndGet();
                    }
                    plat[++n] = System.nanoTime() - t0;
                    Thread.sleep(100);
                }
                plat[0] = n;
                return null;
            });
        }
        dripper.interrupt();
        int stillOpen = 0;
        for (Socket s : lorises) {
            if (!probeClosed(s)) stillOpen++;
            s.close();
        }
        System.out.printf("slow connections: %d opened, %d still open at the end (others closed by the server)%n",
                slowOpen.get(), stillOpen);
        report("clients (" + clients + ", random entities and windows)", clientLat, seconds, errors.get());
        System.out.println("  answers by status: " + new TreeMap<>(byStatus));
        report("probe (/health every 100 ms)", probeLat, seconds, probeErrors.get());
    }

    /** True when the server has closed the socket (a read sees end of stream or a reset). */
    static boolean probeClosed(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            byte[] b = new byte[65536];
            while (true) {
                if (in.read(b) < 0) return true;
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    static void report(String name, List<long[]> lats, int seconds, long errors) {
        int total = 0;
        for (long[] l : lats) total += (int) l[0];
        long[] all = new long[total];
        int k = 0;
        for (long[] l : lats) {
            System.arraycopy(l, 1, all, k, (int) l[0]);
            k += (int) l[0];
        }
        Arrays.sort(all);
        System.out.printf("%s: %d requests (%.0f/s), %d errors; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                name, total, total / (double) seconds, errors, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
