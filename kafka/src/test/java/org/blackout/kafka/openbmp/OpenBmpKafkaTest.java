package org.blackout.kafka.openbmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.bmp.BmpRouter;
import org.blackout.ingest.pcap.Pcap;
import org.blackout.ingest.pcap.TcpStreams;
import org.blackout.kafka.io.EmbeddedKafka;
import org.blackout.kafka.io.KafkaElementSource;
import org.blackout.testkit.Prerequisites;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpFraming;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BMP streams of the shared captures (pmacct-test-automation's Huawei, Cisco and FRR routers,
 * NetGauze's), each published as OpenBMP raw records (binary header 1.7 + one BMP message per
 * record, as RouteViews publishes) to an in-process Kafka broker and read back by
 * {@link KafkaElementSource}, give the same route elements, in the same order, as the same stream
 * sent over TCP to the BMP listener.
 */
class OpenBmpKafkaTest {
    /** An element as compared: the table (collector without the router), the element (time and all). */
    record Seen(String table, RouteElement element) {}

    @Test
    void openBmpRawFromKafkaGivesTheListenersRoutes(@TempDir Path dir) throws Exception {
        Path bmp = Prerequisites.sharedData("bmp");
        List<TcpStreams.Stream> streams = bmpStreams(bmp);
        assertThat(streams).hasSizeGreaterThanOrEqualTo(10);

        // the listener, one stream at a time
        List<List<Seen>> expected = new ArrayList<>();
        List<Seen> current = new CopyOnWriteArrayList<>();
        Semaphore closed = new Semaphore(0);
        BmpEvents events = new BmpEvents() {
            @Override
            public void disconnected(BmpRouter router, int peersLost) {
                closed.release();
            }
        };
        try (BmpListener listener = new BmpListener((c, e) -> current.add(new Seen(table(c), e)), events, 64)) {
            InetSocketAddress at = listener.bind(new InetSocketAddress("127.0.0.1", 0));
            for (TcpStreams.Stream s : streams) {
                current.clear();
                try (Socket socket = new Socket(at.getAddress(), at.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(s.payload());
                    out.flush();
                }
                assertThat(closed.tryAcquire(30, TimeUnit.SECONDS)).as("listener done with %s", s).isTrue();
                // the listener ends every table still open when the connection closes: a Kafka feed has no connection
                List<Seen> got = new ArrayList<>(current);
                expected.add(withoutDisconnect(got));
            }
        }

        // the same bytes as OpenBMP raw records, router i of the captures as 10.99.0.i
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
            kafka.createTopics(1, "openbmp.bmp_raw", "routeviews.route-views2.test.bmp_raw");
            int records = 0;
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < streams.size(); i++) {
                    IpAddress router = IpAddress.parse("10.99.0." + (i + 1));
                    String topic = i % 2 == 0 ? "openbmp.bmp_raw" : "routeviews.route-views2.test.bmp_raw";
                    for (byte[] record : openBmpRecords(streams.get(i), router)) {
                        p.send(new ProducerRecord<>(topic, router.toString().getBytes(), record));
                        records++;
                    }
                }
            }
            Map<String, List<Seen>> byRouter = new HashMap<>();
            List<String> damaged = new ArrayList<>();
            try (KafkaElementSource source = new KafkaElementSource(kafka.bootstrap(), "test", Map.of())) {
                source.subscribe(Pattern.compile("openbmp\\.bmp_raw|routeviews\\..*\\.bmp_raw"));
                long read = source.drain((c, e) -> byRouter.computeIfAbsent(router(c), k -> new ArrayList<>())
                        .add(new Seen(table(c), e)), (t, part, off, e) -> damaged.add(t + "@" + off + ": " + e.getMessage()),
                        Duration.ofSeconds(2));
                assertThat(read).isEqualTo(records);
            }
            int routes = 0;
            for (int i = 0; i < streams.size(); i++) {
                List<Seen> got = byRouter.getOrDefault("bmp:10.99.0." + (i + 1), List.of());
                assertThat(untimedWhereNoHeaderTime(got, expected.get(i), streams.get(i).firstNanos() / 1000))
                        .as("elements of %s", streams.get(i)).isEqualTo(expected.get(i));
                routes += (int) got.stream().filter(s -> s.element().type() != ElementType.STATE).count();
            }
            assertThat(routes).as("route elements compared").isGreaterThan(1000);
        }
    }

    /**
     * A per-peer header without a timestamp (some routers send 0) gives the listener's arrival time
     * (the wall clock) and OpenBMP's collector time: there, take the listener's time.
     */
    private static List<Seen> untimedWhereNoHeaderTime(List<Seen> got, List<Seen> expected, long collectorMicros) {
        List<Seen> out = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            Seen g = got.get(i);
            RouteElement e = g.element();
            if (e.timeMicros() == collectorMicros && i < expected.size()) {
                RouteElement x = expected.get(i).element();
                e = new RouteElement(x.timeMicros(), e.type(), e.peerAddress(), e.peerAs(), e.prefix(), e.pathId(),
                        e.attributes(), e.oldState(), e.newState());
            }
            out.add(new Seen(g.table(), e));
        }
        return out;
    }

    /** The listener's elements less the STATE elements it adds at disconnection (after the last message's). */
    private static List<Seen> withoutDisconnect(List<Seen> got) {
        // those are timed by the wall clock at the end; the stream's own Peer Downs carry the header's time
        long now = System.currentTimeMillis() * 1000;
        List<Seen> out = new ArrayList<>();
        for (Seen s : got) {
            RouteElement e = s.element();
            if (e.type() == ElementType.STATE && e.newState() == 1 && Math.abs(now - e.timeMicros()) < 600_000_000L) continue;
            out.add(s);
        }
        return out;
    }

    /** One OpenBMP raw record per BMP message of the stream (up to the first damage). */
    static List<byte[]> openBmpRecords(TcpStreams.Stream s, IpAddress router) {
        List<byte[]> out = new ArrayList<>();
        ByteBuf in = Unpooled.wrappedBuffer(s.payload());
        int at = 0, end = s.payload().length;
        long time = s.firstNanos() / 1000;
        while (at < end) {
            int len;
            try {
                len = BmpFraming.frameLength(in, at, end - at);
            } catch (DecodeException e) {
                break;
            }
            if (len < 0 || at + len > end) break;
            ByteBuf b = Unpooled.buffer(len + 128);
            new OpenBmpHeader(1, 7, 0, len, OpenBmpHeader.ROUTER_MESSAGE, OpenBmpHeader.BMP_RAW, time, new byte[16],
                    "blackout-test", new byte[16], router, "", 1).write(b);
            b.writeBytes(in, at, len);
            byte[] r = new byte[b.readableBytes()];
            b.readBytes(r);
            out.add(r);
            at += len;
        }
        return out;
    }

    /** Every TCP stream of the BMP captures whose bytes are BMP version 3 from the first one and frame cleanly. */
    static List<TcpStreams.Stream> bmpStreams(Path bmp) throws IOException {
        List<Path> pcaps;
        try (Stream<Path> files = Files.walk(bmp)) {
            pcaps = files.filter(f -> f.toString().matches(".*\\.pcap(ng)?$") && !f.toString().contains("/bgp/")
                    && !f.toString().contains("305-BGP")).sorted().toList();
        }
        List<TcpStreams.Stream> out = new ArrayList<>();
        for (Path f : pcaps) {
            List<Pcap.Packet> packets;
            try {
                packets = Pcap.read(f);
            } catch (IOException | RuntimeException e) {
                continue; // pcapng and others the test reader does not read
            }
            for (TcpStreams.Stream s : TcpStreams.of(packets)) {
                if (s.holes() == 0 && s.payload().length > 6 && s.payload()[0] == 3 && framesCleanly(s.payload())) out.add(s);
            }
        }
        return out;
    }

    private static boolean framesCleanly(byte[] b) {
        ByteBuf in = Unpooled.wrappedBuffer(b);
        int at = 0;
        try {
            while (at < b.length) {
                int len = BmpFraming.frameLength(in, at, b.length - at);
                if (len < 0 || at + len > b.length) return false;
                at += len;
            }
        } catch (DecodeException e) {
            return false;
        }
        return true;
    }

    private static String router(String collector) {
        int sp = collector.indexOf(' ');
        return sp < 0 ? collector : collector.substring(0, sp);
    }

    private static String table(String collector) {
        int sp = collector.indexOf(' ');
        return sp < 0 ? "" : collector.substring(sp + 1);
    }
}
