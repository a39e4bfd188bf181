package org.blackout.core.entity;

import java.io.BufferedReader;
import java.io.IOException;
import org.blackout.wire.net.IpAddress;

/**
 * Reads an RIR "delegated" statistics file, plain or extended (the NRO format:
 * {@code registry|cc|type|start|value|date|status[|opaque-id[|extensions]]}). IPv4 values are
 * address counts (not always a power of two), IPv6 values prefix lengths, ASN values counts.
 * Header, summary, "available" and "reserved" lines, and lines without a country, are skipped.
 */
public final class RirDelegations {
    private RirDelegations() {}

    /** The first 7 '|'-separated fields (the rest, extensions, are not needed); fewer when the line is short. */
    private static String[] fields(String line) {
        String[] f = new String[7];
        int n = 0, from = 0;
        while (n < 7) {
            int bar = line.indexOf('|', from);
            if (bar < 0) {
                f[n++] = line.substring(from);
                break;
            }
            f[n++] = line.substring(from, bar);
            from = bar + 1;
        }
        return n == 7 ? f : java.util.Arrays.copyOf(f, n);
    }

    /** Dotted-quad IPv4 as an unsigned long, without the general parser's allocations. */
    private static long v4(String s) {
        long a = 0;
        int part = 0, dots = 0, digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++dots > 3) throw new IllegalArgumentException("not an IPv4 address: " + s);
                a = (a << 8) | part;
                part = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                part = part * 10 + (c - '0');
                digits++;
                if (part > 255) throw new IllegalArgumentException("not an IPv4 address: " + s);
            } else {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
        }
        if (dots != 3 || digits == 0) throw new IllegalArgumentException("not an IPv4 address: " + s);
        return (a << 8) | part;
    }

    /** Returns the number of records taken; malformed lines are skipped uncounted (see the overload). */
    public static int read(BufferedReader in, EntityMaps.Builder into) throws IOException {
        return read(in, into, new Skips());
    }

    /**
     * Returns the number of records taken; malformed lines (too few fields, an unknown type, an address
     * or number that does not parse) are skipped and noted in {@code skips}. Lines the format means to
     * be skipped (comments, the version line, summaries, available/reserved space, no country) are not.
     */
    public static int read(BufferedReader in, EntityMaps.Builder into, Skips skips) throws IOException {
        int n = 0;
        long lineNo = 0;
        boolean versionSeen = false;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.charAt(0) == '#') continue;
            String[] f = fields(line);
            if (!versionSeen && f.length >= 2 && !f[0].isEmpty() && f[0].chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                versionSeen = true; // the version line: version|registry|serial|records|startdate|enddate|UTCoffset
                continue;
            }
            if (f.length >= 6 && "summary".equals(f[5])) continue; // registry|*|type|*|count|summary
            if (f.length < 7) {
                skips.add(lineNo, f.length + " fields, 7 expected", line);
                continue;
            }
            String cc = f[1], type = f[2], start = f[3], value = f[4], status = f[6];
            if ("summary".equals(f[5]) || "*".equals(cc) || cc.isEmpty()) continue;
            if (status.equals("available") || status.equals("reserved")) continue;
            try {
                switch (type) {
                    case "ipv4" -> {
                        long s = v4(start);
                        long count = Long.parseLong(value);
                        if (count <= 0) throw new IllegalArgumentException("address count " + count);
                        into.country(false, s, Math.min(s + count - 1, 0xffffffffL), cc);
                    }
                    case "ipv6" -> {
                        IpAddress a = IpAddress.parse(start);
                        int len = Integer.parseInt(value);
                        if (len < 0 || len > 128) throw new IllegalArgumentException("prefix length " + len);
                        long s = a.hi();
                        long e = len == 0 ? -1L : len >= 64 ? s : s | (-1L >>> len);
                        into.country(true, s, e, cc);
                    }
                    case "asn" -> into.asCountry(Long.parseLong(start), Long.parseLong(value), cc);
                    default -> throw new IllegalArgumentException("unknown type '" + type + "'");
                }
                n++;
            } catch (IllegalArgumentException e) {
                skips.add(lineNo, e.getMessage() == null ? "malformed" : e.getMessage(), line);
            }
        }
        return n;
    }
}
