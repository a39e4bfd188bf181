package org.blackout.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Reads {@code start,end,asn,org} address ranges (ip-location-db's asn files) and splits each
 * range into the CIDR prefixes that exactly cover it, as an origin would announce them. Prefixes
 * longer than routers accept (/24 in IPv4, /48 in IPv6) are widened to that length.
 */
public final class RangeFile {
    public static final int MAX_V4 = 24, MAX_V6 = 48;

    private RangeFile() {}

    /** Reads every {@code asn-ipv4.csv} and {@code asn-ipv6.csv} of a {@code .tgz}, or one plain CSV file. */
    public static void read(Path file, BiConsumer<Prefix, Integer> sink) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            try (InputStream raw = Files.newInputStream(file);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    String n = e.getName();
                    if (n.endsWith("asn-ipv4.csv") || n.endsWith("asn-ipv6.csv")) readCsv(file + "!" + n, tar, sink);
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                readCsv(file.toString(), name.endsWith(".gz") ? new GZIPInputStream(in) : in, sink);
            }
        }
    }

    static void readCsv(String where, InputStream in, BiConsumer<Prefix, Integer> sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            int c1 = line.indexOf(','), c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
            if (c2 < 0) throw new IOException(where + ":" + n + ": expected start,end,asn,org, got '" + line + "'");
            int c3 = line.indexOf(',', c2 + 1);
            try {
                IpAddress s = IpAddress.parse(line.substring(0, c1)), e = IpAddress.parse(line.substring(c1 + 1, c2));
                int asn = Integer.parseUnsignedInt(line.substring(c2 + 1, c3 < 0 ? line.length() : c3));
                if (s.v6() != e.v6()) throw new IOException(where + ":" + n + ": start and end of different families");
                split(s, e, p -> sink.accept(p, asn));
            } catch (IllegalArgumentException ex) {
                throw new IOException(where + ":" + n + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** The CIDR prefixes covering [start, end] (inclusive), widened to at most /24 or /48. */
    public static void split(IpAddress start, IpAddress end, java.util.function.Consumer<Prefix> out) {
        // IPv4 sits in the top 32 bits of hi and IPv6 down to /64 in hi: one 64-bit walk serves both
        int width = start.v6() ? 64 : 32, max = start.v6() ? MAX_V6 : MAX_V4;
        long s = start.v6() ? start.hi() : start.hi() >>> 32;
        long e = start.v6() ? end.hi() : end.hi() >>> 32;
        if (Long.compareUnsigned(s, e) > 0) throw new IllegalArgumentException("range start " + start + " after end " + end);
        while (true) {
            int align = s == 0 ? width : Math.min(width, Long.numberOfTrailingZeros(s));
            // the largest aligned block starting at s that stays within e
            int bits = align;
            while (bits > 0 && (bits >= 64 || Long.compareUnsigned(s + (1L << bits) - 1, e) > 0 || s + (1L << bits) - 1 < s)) bits--;
            int len = width - bits;
            Prefix p = start.v6() ? Prefix.v6(s, 0, Math.min(len, max)) : Prefix.v4((int) s, Math.min(len, max));
            out.accept(p);
            long last = s + (bits >= 64 ? -1L : (1L << bits) - 1);
            if (last == e || (width == 32 && last == 0xffffffffL)) return;
            s = last + 1;
        }
    }
}
