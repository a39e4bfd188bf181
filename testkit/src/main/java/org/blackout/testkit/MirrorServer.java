package org.blackout.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local archive mirror for tests (JDK {@code com.sun.net.httpserver} on 127.0.0.1): serves files at
 * archive paths with Range support, Apache-style directory listings, JSON routes (a fake broker), and
 * faults queued per path (404, 500, a reset mid-file, a slow answer). Counts and logs every request.
 */
public final class MirrorServer implements AutoCloseable {
    /** What the next request of a path meets before the file is served normally. */
    public enum Fault { ERROR_500, RESET_MID_FILE, SLOW }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Function<URI, String>> json = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean listings = true;
    private volatile long slowMillis = 3000;

    private MirrorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static MirrorServer start() throws IOException {
        return new MirrorServer();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Serves {@code source}'s bytes at {@code path} (relative, no leading slash). */
    public MirrorServer file(String path, Path source) throws IOException {
        files.put("/" + path, Files.readAllBytes(source));
        return this;
    }

    public MirrorServer bytes(String path, byte[] content) {
        files.put("/" + path, content.clone());
        return this;
    }

    /** Answers GET {@code path} (query ignored for matching) with the JSON {@code answer} makes of the request URI. */
    public MirrorServer json(String path, Function<URI, String> answer) {
        json.put("/" + path, answer);
        return this;
    }

    /** The next requests of {@code path} meet these faults, in order; later ones are served normally. */
    public MirrorServer fault(String path, Fault... next) {
        faults.computeIfAbsent("/" + path, k -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    /** Whether directories answer with a listing (default) or 404, as a server without indexes. */
    public MirrorServer listings(boolean on) {
        this.listings = on;
        return this;
    }

    /** How long a {@link Fault#SLOW} answer waits before its headers (default 3 s). */
    public MirrorServer slowMillis(long ms) {
        this.slowMillis = ms;
        return this;
    }

    /** Every request so far, as {@code GET /path [Range: bytes=N-]}. */
    public List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Requests of one path so far. */
    public long requests(String path) {
        return requests().stream().filter(r -> r.split(" ")[1].equals("/" + path)).count();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String range = x.getRequestHeaders().getFirst("Range");
        log.add(x.getRequestMethod() + " " + path + (range != null ? " Range: " + range : ""));
        try (x) {
            Function<URI, String> j = json.get(path);
            if (j != null) {
                send(x, 200, "application/json", j.apply(x.getRequestURI()).getBytes(StandardCharsets.UTF_8));
                return;
            }
            Deque<Fault> queued = faults.get(path);
            Fault fault = queued == null ? null : queued.poll();
            if (fault == Fault.ERROR_500) {
                send(x, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (fault == Fault.SLOW) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
            byte[] body = files.get(path);
            if (body == null) {
                if (path.endsWith("/") && listings) {
                    String listing = listing(path);
                    if (listing != null) {
                        send(x, 200, "text/html", listing.getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                }
                send(x, 404, "text/html", "<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            long from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) from = Math.min(Long.parseLong(m.group(1)), body.length);
            x.getResponseHeaders().set("Accept-Ranges", "bytes");
            int status = 200;
            if (from > 0) {
                status = 206;
                x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            }
            x.getResponseHeaders().set("Content-Type", "application/octet-stream");
            int length = body.length - (int) from;
            x.sendResponseHeaders(status, length == 0 ? -1 : length);
            OutputStream out = x.getResponseBody();
            if (fault == Fault.RESET_MID_FILE) {
                out.write(body, (int) from, length / 2);
                out.flush();
                // close the connection under the client, half way through the promised length
                throw new IOException("reset");
            }
            out.write(body, (int) from, length);
        } catch (IOException e) {
            // the client sees the connection end early
        }
    }

    private String listing(String dir) {
        Map<String, Boolean> children = new TreeMap<>();
        for (String p : files.keySet()) {
            if (!p.startsWith(dir) || p.length() == dir.length()) continue;
            String rest = p.substring(dir.length());
            int slash = rest.indexOf('/');
            children.put(slash < 0 ? rest : rest.substring(0, slash + 1), slash >= 0);
        }
        if (children.isEmpty()) return null;
        StringBuilder sb = new StringBuilder("<html><head><title>Index of " + dir + "</title></head><body><pre>\n");
        sb.append("<a href=\"../\">Parent Directory</a>\n");
        for (String c : children.keySet()) sb.append("<a href=\"").append(c).append("\">").append(c).append("</a>\n");
        return sb.append("</pre></body></html>\n").toString();
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        x.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
