package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blackout collect} with a {@code bmp:} source: a router's Peer Up and routes reach the engine. */
class CollectBmpTest {
    @TempDir Path dir;

    @Test
    void routerRoutesReachTheEngine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("collect.yaml"), """
                sources:
                  bmp:
                    listen: 127.0.0.1:%d
                    allow: [127.0.0.1]
                """.formatted(port));
        Thread router = Thread.ofPlatform().daemon().start(() -> send(port));
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute("collect", "--config", dir.resolve("collect.yaml").toString(),
                    "--duration", "4s", "--stats", "0", "--watch", "prefix:198.51.100.0/23", "--format", "jsonl");
        } finally {
            System.setErr(err);
        }
        router.join(5000);
        String log = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).as(log).isZero();
        assertThat(log).contains("collect: BMP station on");
        // Peer Up and the router's disconnect (two STATE elements, two feed events) and the two prefixes; bins also
        // close on the wall clock now, so when a bin ends during the run the fixture's 2014 peer is stale and resumes
        // (two more feed events)
        assertThat(log).contains("collect: 4 elements, ", "SESSION_UP", "SESSION_DOWN");
        assertThat(log).containsPattern("collect: 4 elements, \\d+ signals, ([24]) feed events");
    }

    /** A router: Initiation, Peer Up of 192.0.2.9 AS65009, one Route Monitoring with two IPv4 prefixes. */
    static void send(int port) {
        HexFormat h = HexFormat.of();
        String perPeer = "00" + "00" + "0000000000000000" + "00000000000000000000000000000000".substring(0, 24) + "c0000209"
                + "0000fde9" + "c0000209" + "5478a000" + "00000000";
        // OPEN: version 4, AS 65009, hold 90, id 192.0.2.9, capability 4-octet AS (65) = 65009
        String openBody = "04" + "fde9" + "005a" + "c0000209" + "08" + "0206" + "4104" + "0000fde9";
        String open = bgp(1, openBody);
        String peerUp = perPeer + "000000000000000000000000c0000201" + "00b3" + "c350" + open + open;
        // UPDATE: ORIGIN IGP, AS_PATH (4-octet) 65009 64500, NEXT_HOP 192.0.2.9; NLRI 198.51.100.0/24, 198.51.101.0/24
        String attrs = "40010100" + "40020a" + "0202" + "0000fde9" + "0000fbf4" + "400304c0000209";
        String update = bgp(2, "0000" + String.format("%04x", attrs.length() / 2) + attrs + "18c63364" + "18c63365");
        String initiation = "0002000672312d626d70"; // sysName "r1-bmp"
        String stream = bmp(4, initiation) + bmp(3, peerUp) + bmp(0, perPeer + update);
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(h.parseHex(stream));
                out.flush();
                Thread.sleep(1500); // stay connected: closing would end the peer's routes (a Peer Down)
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String bgp(int type, String body) {
        return "ffffffffffffffffffffffffffffffff" + String.format("%04x", 19 + body.length() / 2) + String.format("%02x", type) + body;
    }

    static String bmp(int type, String body) {
        return "03" + String.format("%08x", 6 + body.length() / 2) + String.format("%02x", type) + body;
    }
}
