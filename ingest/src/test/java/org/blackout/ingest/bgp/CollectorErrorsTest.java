package org.blackout.ingest.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.blackout.ingest.config.CollectorConfig;
import org.blackout.ingest.config.NeighbourConfig;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Errors that end a session, seen from the peer's side of a real TCP connection: each gets the
 * NOTIFICATION code and subcode RFC 4271 / RFC 7606 name, an Established session going down becomes
 * a STATE element, and a collector shutdown sends Cease/Administrative Shutdown with RFC 9003 text.
 */
class CollectorErrorsTest {
    static final IpAddress PEER = IpAddress.parse("127.0.0.9");
    PeerRibs ribs;
    FeedDispatcher feed;
    BgpCollector collector;
    InetSocketAddress at;

    @BeforeEach
    void start() throws Exception {
        start(90);
    }

    void start(int holdTime) throws Exception {
        if (collector != null) stop();
        ribs = new PeerRibs();
        feed = new FeedDispatcher(16, e -> { }, ribs);
        collector = new BgpCollector(new CollectorConfig(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                65000, IpAddress.parse("10.0.0.1").v4Address(), holdTime,
                List.of(new NeighbourConfig(InetAddress.getByName("127.0.0.9"), 64999, "test", false))), feed);
        at = collector.start();
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
        feed.close();
    }

    TestSpeaker speaker(long as, boolean handshake) throws Exception {
        return new TestSpeaker(InetAddress.getByName("127.0.0.9"), at, as, IpAddress.parse("10.0.0.9").v4Address(), handshake);
    }

    static byte[] await(TestSpeaker s) throws InterruptedException {
        await(() -> s.notification != null);
        assertThat(s.notification).as("NOTIFICATION received").isNotNull();
        return s.notification;
    }

    static void await(BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ok.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    static String code(byte[] n) {
        return (n[0] & 0xff) + "/" + (n[1] & 0xff);
    }

    @Test
    void unparsableNlriIsASessionResetWithInvalidNetworkField() throws Exception {
        try (TestSpeaker s = speaker(64999, true)) {
            s.announce(List.of(Prefix.parse("10.9.0.0/24")), new long[] {64999}, IpAddress.parse("192.0.2.9"), null);
            s.flush();
            await(() -> ribs.prefixes(PEER).size() == 1);
            // UPDATE: no withdrawals, ORIGIN + AS_PATH + NEXT_HOP, then an NLRI claiming a /33
            byte[] body = {0, 0, 0, 20, 0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, (byte) 0xfd, (byte) 0xe7,
                    0x40, 3, 4, (byte) 192, 0, 2, 9, 33, 10, 9, 1, 0, 0};
            s.sendRaw(SessionCodec.message(2, body));
            assertThat(code(await(s))).isEqualTo("3/10");
        }
        await(() -> ribs.states(PEER).size() == 2);
        assertThat(ribs.states(PEER)).extracting(e -> e.oldState() + ">" + e.newState()).containsExactly("5>6", "6>1");
        assertThat(ribs.prefixes(PEER)).isEmpty();
    }

    @Test
    void silentPeerExpiresTheHoldTimer() throws Exception {
        start(3); // negotiated hold time 3 s; the speaker sends KEEPALIVEs every 30 s only
        try (TestSpeaker s = speaker(64999, true)) {
            assertThat(code(await(s))).isEqualTo("4/0");
        }
        await(() -> ribs.states(PEER).size() == 2);
        assertThat(ribs.states(PEER)).extracting(e -> e.oldState() + ">" + e.newState()).containsExactly("5>6", "6>1");
    }

    @Test
    void badMarkerIsConnectionNotSynchronized() throws Exception {
        try (TestSpeaker s = speaker(64999, true)) {
            byte[] m = SessionCodec.KEEPALIVE.clone();
            m[3] = 0;
            s.sendRaw(m);
            assertThat(code(await(s))).isEqualTo("1/1");
        }
    }

    @Test
    void wrongAsIsBadPeerAs() throws Exception {
        try (TestSpeaker s = speaker(64998, false)) {
            assertThat(code(await(s))).isEqualTo("2/2");
        }
        assertThat(ribs.states(PEER)).as("never Established: no feed event").isEmpty();
    }

    @Test
    void unexpectedOpenInEstablishedIsAnFsmError() throws Exception {
        try (TestSpeaker s = speaker(64999, true)) {
            await(() -> !collector.established().isEmpty());
            s.sendRaw(SessionCodec.open(64999, 90, IpAddress.parse("10.0.0.9").v4Address(), new byte[0]));
            assertThat(code(await(s))).isEqualTo("5/3");
        }
    }

    @Test
    void shutdownSendsAShutdownCommunication() throws Exception {
        try (TestSpeaker s = speaker(64999, true)) {
            await(() -> !collector.established().isEmpty());
            collector.shutdown("maintenance: back in 10 minutes");
            byte[] n = await(s);
            assertThat(code(n)).isEqualTo("6/2");
            assertThat(new String(Arrays.copyOfRange(n, 3, 3 + (n[2] & 0xff)), StandardCharsets.UTF_8))
                    .isEqualTo("maintenance: back in 10 minutes");
        }
        await(() -> ribs.states(PEER).size() == 2);
        assertThat(ribs.states(PEER)).extracting(e -> e.oldState() + ">" + e.newState()).containsExactly("5>6", "6>1");
    }
}
