package org.blackout.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Local alert receivers for tests: an HTTP endpoint recording POST bodies per path, a UDP syslog sink. */
public final class Receivers implements AutoCloseable {
    public record Post(String path, String body) {}

    public final List<Post> posts = new CopyOnWriteArrayList<>();
    public final List<String> syslog = new CopyOnWriteArrayList<>();
    private final HttpServer http;
    private final DatagramSocket udp;
    private final Thread udpThread;

    public Receivers() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            posts.add(new Post(ex.getRequestURI().getPath(), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        udpThread = Thread.ofPlatform().daemon(true).start(() -> {
            byte[] buf = new byte[65535];
            while (!udp.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    udp.receive(p);
                    syslog.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    public int syslogPort() {
        return udp.getLocalPort();
    }

    public List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    @Override
    public void close() {
        http.stop(0);
        udp.close();
        udpThread.interrupt();
    }
}
