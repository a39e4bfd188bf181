package org.blackout.ingest.pcap;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits captured packets into TCP streams, one per direction, and reassembles each stream's payload
 * in sequence order (retransmitted and overlapping bytes are kept once; holes are counted). Reads
 * Ethernet (with 802.1Q tags), Linux cooked and raw IP frames carrying IPv4 or IPv6. For tests only.
 */
public final class TcpStreams {
    /** One direction of a TCP connection and the bytes it carried. */
    public record Stream(InetAddress source, int sourcePort, InetAddress destination, int destinationPort,
            byte[] payload, int holes, long firstNanos) {
        @Override
        public String toString() {
            return source.getHostAddress() + ":" + sourcePort + " -> " + destination.getHostAddress() + ":"
                    + destinationPort + " (" + payload.length + " bytes" + (holes > 0 ? ", " + holes + " holes" : "")
                    + ")";
        }
    }

    private record Key(InetAddress src, int sport, InetAddress dst, int dport) {}

    private record Segment(long seq, byte[] data) {}

    private TcpStreams() {}

    public static List<Stream> of(List<Pcap.Packet> packets) {
        Map<Key, List<Segment>> segments = new LinkedHashMap<>();
        Map<Key, Long> first = new LinkedHashMap<>();
        for (Pcap.Packet p : packets) {
            tcp(p, segments, first);
        }
        List<Stream> out = new ArrayList<>();
        for (Map.Entry<Key, List<Segment>> e : segments.entrySet()) {
            Key k = e.getKey();
            List<Segment> list = e.getValue();
            int[] holes = new int[1];
            byte[] payload = reassemble(list, holes);
            out.add(new Stream(k.src, k.sport, k.dst, k.dport, payload, holes[0], first.get(k)));
        }
        return out;
    }

    private static void tcp(Pcap.Packet p, Map<Key, List<Segment>> segments, Map<Key, Long> first) {
        byte[] d = p.data();
        int i;
        int etherType;
        switch (p.linkType()) {
            case 1 -> { // Ethernet
                if (d.length < 14) return;
                etherType = u16(d, 12);
                i = 14;
                while (etherType == 0x8100 || etherType == 0x88a8) {
                    if (d.length < i + 4) return;
                    etherType = u16(d, i + 2);
                    i += 4;
                }
            }
            case 113 -> { // Linux cooked capture
                if (d.length < 16) return;
                etherType = u16(d, 14);
                i = 16;
            }
            case 101, 12 -> { // raw IP
                if (d.length < 1) return;
                etherType = (d[0] >>> 4 & 0xf) == 6 ? 0x86dd : 0x0800;
                i = 0;
            }
            default -> { return; }
        }
        InetAddress src, dst;
        int end;
        int proto;
        if (etherType == 0x0800) {
            if (d.length < i + 20) return;
            int ihl = (d[i] & 0xf) * 4;
            int total = u16(d, i + 2);
            int frag = u16(d, i + 6) & 0x3fff;
            if (frag != 0) return; // fragments do not occur in these captures
            proto = d[i + 9] & 0xff;
            src = addr(d, i + 12, 4);
            dst = addr(d, i + 16, 4);
            end = Math.min(d.length, i + total);
            i += ihl;
        } else if (etherType == 0x86dd) {
            if (d.length < i + 40) return;
            int payloadLen = u16(d, i + 4);
            proto = d[i + 6] & 0xff;
            src = addr(d, i + 8, 16);
            dst = addr(d, i + 24, 16);
            end = Math.min(d.length, i + 40 + payloadLen);
            i += 40;
            while (proto == 0 || proto == 43 || proto == 60) { // hop-by-hop, routing, destination options
                if (end < i + 8) return;
                proto = d[i] & 0xff;
                i += 8 + (d[i + 1] & 0xff) * 8;
            }
        } else {
            return;
        }
        if (proto != 6 || end < i + 20) return;
        int sport = u16(d, i);
        int dport = u16(d, i + 2);
        long seq = u32(d, i + 4);
        int off = (d[i + 12] >>> 4 & 0xf) * 4;
        byte[] payload = Arrays.copyOfRange(d, Math.min(end, i + off), end);
        Key k = new Key(src, sport, dst, dport);
        segments.computeIfAbsent(k, x -> new ArrayList<>()).add(new Segment(seq, payload));
        first.putIfAbsent(k, p.timeNanos());
    }

    private static byte[] reassemble(List<Segment> list, int[] holes) {
        // sequence numbers relative to the lowest that carried data (rewritten captures put data on
        // the SYN, so the SYN's own sequence octet cannot be relied on), as signed distances so one
        // wrap of the 32-bit space is handled
        long base = -1;
        for (Segment s : list) {
            if (s.data.length == 0) continue;
            if (base < 0 || (int) (s.seq - base) < 0) base = s.seq;
        }
        if (base < 0) return new byte[0];
        final long b0 = base;
        List<Segment> data = new ArrayList<>();
        for (Segment s : list) if (s.data.length > 0) data.add(s);
        data.sort(Comparator.comparingLong(s -> (long) (int) (s.seq - b0)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 0;
        for (Segment s : data) {
            long rel = (int) (s.seq - b0);
            if (rel > next) {
                holes[0]++;
                next = rel; // bytes missing from the capture: skip ahead
            }
            long skip = next - rel;
            if (skip >= s.data.length) continue; // retransmission of bytes already kept
            out.write(s.data, (int) skip, s.data.length - (int) skip);
            next = rel + s.data.length;
        }
        return out.toByteArray();
    }

    private static InetAddress addr(byte[] d, int i, int n) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(d, i, i + n));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
    }

    private static long u32(byte[] d, int i) {
        return (long) u16(d, i) << 16 | u16(d, i + 2);
    }
}
