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

    /** Returns the number of records taken. */
    public static int read(BufferedReader in, EntityMaps.Builder into) throws IOException {
        int n = 0;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            String[] f = line.split("\\|", -1);
            if (f.length < 7) continue; // version line has 7 fields too, but its type is not below
            String cc = f[1], type = f[2], start = f[3], value = f[4], status = f[6];
            if ("summary".equals(f[5]) || "*".equals(cc) || cc.isEmpty()) continue;
            if (status.equals("available") || status.equals("reserved")) continue;
            try {
                switch (type) {
                    case "ipv4" -> {
                        long s = Integer.toUnsignedLong(IpAddress.parse(start).v4Address());
                        long count = Long.parseLong(value);
                        if (count <= 0) continue;
                        into.country(false, s, Math.min(s + count - 1, 0xffffffffL), cc);
                    }
                    case "ipv6" -> {
                        IpAddress a = IpAddress.parse(start);
                        int len = Integer.parseInt(value);
                        long s = a.hi();
                        long e = len == 0 ? -1L : len >= 64 ? s : s | (-1L >>> len);
                        into.country(true, s, e, cc);
                    }
                    case "asn" -> into.asCountry(Long.parseLong(start), Long.parseLong(value), cc);
                    default -> { continue; }
                }
                n++;
            } catch (IllegalArgumentException e) {
                // a malformed line: skip it, the rest of the file is still good
            }
        }
        return n;
    }
}
