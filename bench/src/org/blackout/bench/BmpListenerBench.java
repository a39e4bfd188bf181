package org.blackout.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.blackout.ingest.bmp.BmpEvents;
import org.blackout.ingest.bmp.BmpListener;
import org.blackout.ingest.bmp.BmpRouter;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bmp.BmpMessage;
import org.blackout.wire.bmp.BmpRouteElements;
import org.blackout.wire.bmp.BmpSession;
import org.blackout.wire.bmp.BmpStreamReader;
import org.blackout.wire.element.ElementType;

/**
 * Routes per second through the BMP decoder alone and through the listener over loopback TCP, for a
 * synthetic Adj-RIB-In of {@code routes} IPv4 /24s, {@code perUpdate} prefixes per Route Monitoring
 * message (4-hop AS path, communities). Usage: BmpListenerBench [routes] [perUpdate] [rounds]
 */
public final class BmpListenerBench {
    public static void main(String[] args) throws Exception {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perUpdate = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // keep Netty's debug logging off the output, whatever SLF4J backend is on the class path
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        byte[] stream = stream(routes, perUpdate);
        System.err.printf("stream: %,d routes, %d per UPDATE, %,d bytes%n", routes, perUpdate, stream.length);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long n = decodeOnly(stream);
            long t1 = System.nanoTime();
            long m = overTcp(stream);
            long t2 = System.nanoTime();
            System.out.printf("round %d: decode only %,.0f routes/s (%,d); listener over loopback %,.0f routes/s (%,d)%n",
                    r, n / ((t1 - t0) / 1e9), n, m / ((t2 - t1) / 1e9), m);
        }
    }

    static long decodeOnly(byte[] stream) {
        long[] n = {0};
        BmpStreamReader.read(Unpooled.wrappedBuffer(stream), new BmpSession(), new BmpStreamReader.Visitor() {
            @Override
            public void message(long offset, BmpMessage m) {
                BmpRouteElements.accept(m, 1, e -> {
                    if (e.type() == ElementType.ANNOUNCE) n[0]++;
                });
            }

            @Override
            public void error(long offset, DecodeException e) {
                throw e;
            }
        });
        return n[0];
    }

    static long overTcp(byte[] stream) throws Exception {
        AtomicLong n = new AtomicLong();
        CountDownLatch closed = new CountDownLatch(1);
        BmpEvents events = new BmpEvents() {
            @Override
            public void disconnected(BmpRouter router, int peersLost) {
                closed.countDown();
            }

            @Override
            public void damaged(BmpRouter router, long offset, String problem) {
                System.err.println("damage at " + offset + ": " + problem);
            }
        };
        try (BmpListener l = new BmpListener((c, e) -> {
                    if (e.type() == ElementType.ANNOUNCE) n.incrementAndGet();
                }, events)) {
            InetSocketAddress at = l.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(stream);
            }
            closed.await();
        }
        return n.get();
    }

    /** Initiation, one Peer Up, then the routes. */
    static byte[] stream(int routes, int perUpdate) {
        ByteBuf b = Unpooled.buffer(routes * 40);
        int start = b.writerIndex();
        b.writeByte(3).writeInt(0).writeByte(4).writeShort(2).writeShort(5).writeBytes("bench".getBytes());
        b.setInt(start + 1, b.writerIndex() - start);
        start = b.writerIndex();
        b.writeByte(3).writeInt(0).writeByte(3);
        perPeer(b);
        b.writeZero(12).writeInt(0xc0000201).writeShort(179).writeShort(40000);
        open(b, 65000, 0xc0000201);
        open(b, 65001, 0xc0000202);
        b.setInt(start + 1, b.writerIndex() - start);
        for (int i = 0; i < routes; i += perUpdate) {
            start = b.writerIndex();
            b.writeByte(3).writeInt(0).writeByte(0);
            perPeer(b);
            int bgp = b.writerIndex();
            for (int k = 0; k < 16; k++) b.writeByte(0xff);
            b.writeShort(0).writeByte(2).writeShort(0);
            int attrs = b.writerIndex();
            b.writeShort(0);
            b.writeBytes(new byte[] {0x40, 1, 1, 0});
            b.writeBytes(new byte[] {0x40, 2, 18, 2, 4}).writeInt(65001).writeInt(3356).writeInt(1299).writeInt(64496 + i % 1000);
            b.writeBytes(new byte[] {0x40, 3, 4}).writeInt(0xc0000202);
            b.writeBytes(new byte[] {(byte) 0xc0, 8, 8}).writeInt(65001 << 16 | 100).writeInt(65001 << 16 | 200);
            b.setShort(attrs, b.writerIndex() - attrs - 2);
            for (int k = i; k < Math.min(routes, i + perUpdate); k++) {
                b.writeByte(24).writeByte(1 + (k >>> 16)).writeByte(k >>> 8).writeByte(k);
            }
            b.setShort(bgp + 16, b.writerIndex() - bgp);
            b.setInt(start + 1, b.writerIndex() - start);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    private static void perPeer(ByteBuf b) {
        b.writeByte(0).writeByte(0).writeLong(0).writeZero(12).writeInt(0xc0000202).writeInt(65001)
                .writeInt(0xc0000202).writeInt(1_700_000_000).writeInt(0);
    }

    private static void open(ByteBuf b, int as, int id) {
        int start = b.writerIndex();
        for (int k = 0; k < 16; k++) b.writeByte(0xff);
        b.writeShort(0).writeByte(1).writeByte(4).writeShort(as).writeShort(180).writeInt(id);
        b.writeByte(8).writeByte(2).writeByte(6).writeByte(65).writeByte(4).writeInt(as);
        b.setShort(start + 16, b.writerIndex() - start);
    }
}
