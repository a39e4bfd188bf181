package org.blackout.ingest.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.BmpStreamReader;
import org.blackout.wire.bmp.PerPeerHeader;
import org.blackout.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Damaged BMP streams (a real Cisco capture, then garbled, interrupted by junk, cut short, or
 * nothing but junk) are reported with the router's address and the byte offset, the connection
 * resynchronises or is closed, and the listener keeps serving other routers.
 */
class BmpListenerDamageTest {
    private static byte[] clean;
    private static List<Long> offsets; // of each message in the clean stream
    private static List<Integer> types;

    @BeforeAll
    static void load() {
        Prerequisites.require(BmpCaptures.available(), "blackout.shared/bmp absent");
        BmpCaptures c = BmpCaptures.all().stream()
                .filter(x -> x.name().startsWith("pmacct-test-automation/201-")).findFirst().orElseThrow();
        clean = c.streams().getFirst().payload();
        offsets = new ArrayList<>();
        types = new ArrayList<>();
        BmpStreamReader.read(Unpooled.wrappedBuffer(clean), new BmpSession(), new BmpStreamReader.Visitor() {
            @Override
            public void message(long offset, BmpMessage m) {
                offsets.add(offset);
                types.add(m.type());
            }

            @Override
            public void error(long offset, DecodeException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Sends each stream on its own connection, in turn, and returns what the listener delivered. */
    private static RecordingEvents replay(byte[]... streams) throws Exception {
        RecordingEvents got = new RecordingEvents();
        try (BmpListener listener = new BmpListener(got, got, 64)) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (byte[] s : streams) send(at, s);
            got.awaitDisconnects(streams.length);
        }
        return got;
    }

    private static void send(InetSocketAddress at, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(at.getAddress(), at.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the listener may close a junk-sending connection before everything is written
            if (!e.getMessage().contains("reset") && !e.getMessage().contains("Broken pipe")) throw e;
        }
    }

    private static int routeMonitoringIndex(int nth) {
        int seen = 0;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == BmpMessage.ROUTE_MONITORING && seen++ == nth) return i;
        }
        throw new AssertionError("fewer route monitoring messages");
    }

    @Test
    void aGarbledMessageIsReportedAtItsOffsetAndTheRestDelivered() throws Exception {
        RecordingEvents before = replay(clean);
        int k = routeMonitoringIndex(100);
        long at = offsets.get(k);
        byte[] garbled = clean.clone();
        garbled[(int) at + 6 + PerPeerHeader.SIZE + 3] = 0x42; // inside the BGP marker
        RecordingEvents got = replay(garbled);

        assertThat(got.damage).hasSize(2);
        assertThat(got.damage.get(0)).startsWith("127.0.0.1 offset " + at + ": bgp marker");
        assertThat(got.damage.get(1)).contains("resynchronised at offset " + offsets.get(k + 1));
        // one UPDATE's routes are lost, nothing else: same Peer Ups, stats, and all but a few elements
        assertThat(got.peerUps).hasSize(before.peerUps.size());
        assertThat(got.stats).hasSize(before.stats.size());
        assertThat(got.elements.size()).isLessThan(before.elements.size())
                .isGreaterThanOrEqualTo(before.elements.size() - 20);
    }

    @Test
    void junkBetweenMessagesIsSkippedAndNothingIsLost() throws Exception {
        RecordingEvents before = replay(clean);
        int k = routeMonitoringIndex(50);
        int at = (int) (long) offsets.get(k);
        byte[] junk = new byte[1000];
        new Random(7).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) if (junk[i] == 3 || junk[i] == 4) junk[i] = 0x55;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(clean, 0, at);
        s.write(junk);
        s.write(clean, at, clean.length - at);
        RecordingEvents got = replay(s.toByteArray());

        assertThat(got.damage).hasSize(2);
        assertThat(got.damage.get(0)).startsWith("127.0.0.1 offset " + at + ": bmp version");
        assertThat(got.damage.get(1)).contains("after skipping 1000 bytes");
        assertThat(got.elements.stream().map(e -> e.collector() + e.element().type() + e.element().prefix()).toList())
                .isEqualTo(before.elements.stream().map(e -> e.collector() + e.element().type() + e.element().prefix())
                        .toList());
    }

    @Test
    void aStreamCutMidMessageIsReportedAndItsPeersGoDown() throws Exception {
        int k = routeMonitoringIndex(20);
        int cut = (int) (long) offsets.get(k) + 30;
        RecordingEvents got = replay(Arrays.copyOf(clean, cut));

        assertThat(got.damage).containsExactly("127.0.0.1 offset " + offsets.get(k) + ": connection closed 30 bytes into a message");
        assertThat(got.peersLost).containsExactly(got.peerUps.size());
        assertThat(got.peerUps).isNotEmpty();
    }

    @Test
    void routersNotAllowedAreRefused() throws Exception {
        List<InetSocketAddress> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        RecordingEvents got = new RecordingEvents() {
            @Override
            public void refused(InetSocketAddress address) {
                refused.add(address);
            }
        };
        try (BmpListener listener = new BmpListener(got, got, 64)
                .allow(a -> a.getHostAddress().equals("127.0.0.2"))) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (String from : List.of("127.0.0.3", "127.0.0.2")) {
                try (Socket s = new Socket(at.getAddress(), at.getPort(), java.net.InetAddress.getByName(from), 0)) {
                    s.getOutputStream().write(clean);
                } catch (IOException e) {
                    // the refused one may be reset while writing
                }
            }
            got.awaitDisconnects(1);
        }
        assertThat(refused).extracting(a -> a.getAddress().getHostAddress()).containsExactly("127.0.0.3");
        assertThat(got.connected).extracting(r -> r.address().getAddress().getHostAddress()).containsExactly("127.0.0.2");
        assertThat(got.initiations).hasSize(1);
    }

    @Test
    void aConnectionSendingOnlyJunkIsClosedAndOthersAreServed() throws Exception {
        byte[] junk = new byte[BmpStreamDecoder.GIVE_UP + 200_000]; // zeros: no version byte anywhere
        RecordingEvents got = replay(junk, clean);

        assertThat(got.damage).anyMatch(d -> d.startsWith("127.0.0.1 offset 0: bmp version: version 0"));
        assertThat(got.damage).anyMatch(d -> d.contains("no BMP message in") && d.endsWith("closing"));
        assertThat(got.connected).hasSize(2);
        assertThat(got.initiations).hasSize(1);
        assertThat(got.peerUps).hasSize((int) types.stream().filter(t -> t == BmpMessage.PEER_UP).count());
    }
}
