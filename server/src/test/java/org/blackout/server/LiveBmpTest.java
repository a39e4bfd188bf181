package org.blackout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.blackout.pipeline.config.BlackoutConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with a live {@code bmp:} source: a router's routes reach the engine and the metrics. */
class LiveBmpTest {
    @TempDir Path dir;

    @Test
    void routerRoutesAreCountedPerSource() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("serve.yml"), """
                sources: {bmp: {listen: 127.0.0.1:%d, allow: [127.0.0.1]}}
                watch: ["prefix:198.51.100.0/23"]
                store: {duckdb: %s}
                http: {listen: 127.0.0.1:0}
                """.formatted(port, dir.resolve("live.duckdb")));
        try (Server server = new Server(BlackoutConfig.load(dir.resolve("serve.yml")))) {
            server.startLive();
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(HexFormat.of().parseHex(routerStream()));
                out.flush();
                long deadline = System.nanoTime() + 10_000_000_000L;
                // all three elements counted (the first one's count shows before the others are through the engine)
                java.util.regex.Pattern three = java.util.regex.Pattern.compile("blackout_routes_total\\{source=\"bmp:127\\.0\\.0\\.1[^\"]*\"} 3\\.0");
                while (!three.matcher(server.metrics().scrape()).find() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            String scrape = server.metrics().scrape();
            // the Peer Up's STATE element and the two prefixes, counted under the router's table
            assertThat(scrape).containsPattern("blackout_routes_total\\{source=\"bmp:127\\.0\\.0\\.1[^\"]*\"} 3\\.0");
        }
    }

    @Test
    void refusedRoutersAreCountedInTheMetrics() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("serve.yml"), """
                sources: {bmp: {listen: 127.0.0.1:%d, allow: [127.0.0.2/32]}}
                watch: ["prefix:198.51.100.0/23"]
                store: {duckdb: %s}
                http: {listen: 127.0.0.1:0}
                """.formatted(port, dir.resolve("live.duckdb")));
        try (Server server = new Server(BlackoutConfig.load(dir.resolve("serve.yml")))) {
            server.startLive();
            assertThat(server.metrics().scrape()).contains("blackout_bmp_refused_total 0.0");
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", port, java.net.InetAddress.getByName("127.0.0.1"), 0)) {
                    s.setSoTimeout(5000);
                    s.getInputStream().read(); // closed by the station
                } catch (java.io.IOException e) {
                    // reset: refused too
                }
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!server.metrics().scrape().contains("blackout_bmp_refused_total 3.0") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.metrics().scrape()).contains("blackout_bmp_refused_total 3.0");
        }
    }

    /** Initiation, Peer Up of 192.0.2.9 AS65009 (4-octet AS), one Route Monitoring with 198.51.100.0/24 and 198.51.101.0/24. */
    static String routerStream() {
        String perPeer = "00" + "00" + "0000000000000000" + "000000000000000000000000c0000209" + "0000fde9" + "c0000209"
                + "5478a000" + "00000000";
        String open = bgp(1, "04" + "fde9" + "005a" + "c0000209" + "08" + "0206" + "4104" + "0000fde9");
        String peerUp = perPeer + "000000000000000000000000c0000201" + "00b3" + "c350" + open + open;
        String attrs = "40010100" + "40020a" + "0202" + "0000fde9" + "0000fbf4" + "400304c0000209";
        String update = bgp(2, "0000" + String.format("%04x", attrs.length() / 2) + attrs + "18c63364" + "18c63365");
        return bmp(4, "0002000672312d626d70") + bmp(3, peerUp) + bmp(0, perPeer + update);
    }

    static String bgp(int type, String body) {
        return "ff".repeat(16) + String.format("%04x%02x", 19 + body.length() / 2, type) + body;
    }

    static String bmp(int type, String body) {
        return String.format("03%08x%02x", 6 + body.length() / 2, type) + body;
    }
}
