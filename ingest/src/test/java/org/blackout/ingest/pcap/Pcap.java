package org.blackout.ingest.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a capture file: libpcap (either byte order, micro- or nanosecond) or pcapng
 * (section header, interface description, enhanced and simple packet blocks). For tests only.
 */
public final class Pcap {
    /** One captured frame and the link type of the interface it was captured on. */
    public record Packet(long timeNanos, int linkType, byte[] data) {}

    private Pcap() {}

    public static List<Packet> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24) throw new IOException(file + ": too short for a capture");
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0a0d0d0a) return pcapng(b, file);
        return pcap(b, file);
    }

    private static List<Packet> pcap(ByteBuffer b, Path file) throws IOException {
        int m = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        if (m == 0xa1b2c3d4 || m == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            m = b.getInt(0);
            if (m != 0xa1b2c3d4 && m != 0xa1b23c4d) throw new IOException(file + ": not a pcap file");
        }
        nanos = m == 0xa1b23c4d;
        int linkType = b.getInt(20) & 0x0fffffff;
        List<Packet> out = new ArrayList<>();
        int p = 24;
        while (p + 16 <= b.limit()) {
            long sec = b.getInt(p) & 0xffffffffL;
            long frac = b.getInt(p + 4) & 0xffffffffL;
            int caplen = b.getInt(p + 8);
            if (caplen < 0 || p + 16 + caplen > b.limit()) throw new IOException(file + ": truncated packet at " + p);
            byte[] data = new byte[caplen];
            b.get(p + 16, data);
            out.add(new Packet(sec * 1_000_000_000L + (nanos ? frac : frac * 1000), linkType, data));
            p += 16 + caplen;
        }
        return out;
    }

    private static List<Packet> pcapng(ByteBuffer b, Path file) throws IOException {
        List<Packet> out = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        int p = 0;
        while (p + 12 <= b.limit()) {
            int type = b.getInt(p); // the section header's type reads the same in both byte orders
            if (type == 0x0a0d0d0a) {
                // section header: its byte-order magic sets the order of everything in the section
                int bom = b.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 8);
                b.order(bom == 0x1a2b3c4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                linkTypes.clear();
            }
            int len = b.getInt(p + 4);
            if (len < 12 || p + len > b.limit()) throw new IOException(file + ": bad block length at " + p);
            switch (type) {
                case 1 -> linkTypes.add(b.getShort(p + 8) & 0xffff);
                case 6 -> {
                    int iface = b.getInt(p + 8);
                    long ts = ((b.getInt(p + 12) & 0xffffffffL) << 32) | (b.getInt(p + 16) & 0xffffffffL);
                    int caplen = b.getInt(p + 20);
                    byte[] data = new byte[caplen];
                    b.get(p + 28, data);
                    out.add(new Packet(ts * 1000, linkTypes.get(iface), data)); // default resolution: microseconds
                }
                case 3 -> {
                    int caplen = len - 16;
                    byte[] data = new byte[caplen];
                    b.get(p + 12, data);
                    out.add(new Packet(0, linkTypes.get(0), data));
                }
                default -> { }
            }
            p += len;
        }
        return out;
    }
}
