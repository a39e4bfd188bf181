package org.blackout.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Country membership from RIR delegation statistics (the NRO's {@code registry|cc|type|start|value|date|status}
 * format): the address blocks and AS numbers delegated to each country. IPv4 blocks are given as a
 * start and an address count, which need not be a power of two; they are split into CIDR prefixes.
 */
public final class RirDelegations {
    private final Map<String, List<Prefix>> blocks = new HashMap<>();
    private final Map<String, Set<Integer>> asns = new HashMap<>();

    public static RirDelegations read(List<Path> files) throws IOException {
        RirDelegations d = new RirDelegations();
        for (Path f : files) d.add(f);
        return d;
    }

    private void add(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\\|", -1);
                // the version line has a numeric first field; summary lines have '*' as country
                if (f.length < 7 || f[1].equals("*") || f[1].isEmpty()) continue;
                String cc = f[1].toUpperCase(Locale.ROOT);
                try {
                    switch (f[2]) {
                        case "asn" -> {
                            int start = Integer.parseUnsignedInt(f[3]);
                            long count = Long.parseLong(f[4]);
                            Set<Integer> s = asns.computeIfAbsent(cc, k -> new HashSet<>());
                            for (long i = 0; i < count; i++) s.add((int) (start + i));
                        }
                        case "ipv4" -> {
                            IpAddress s = IpAddress.parse(f[3]);
                            long count = Long.parseLong(f[4]);
                            IpAddress e = IpAddress.v4((int) ((s.v4Address() & 0xffffffffL) + count - 1));
                            List<Prefix> l = blocks.computeIfAbsent(cc, k -> new ArrayList<>());
                            splitExact(s, e, l);
                        }
                        case "ipv6" -> blocks.computeIfAbsent(cc, k -> new ArrayList<>()).add(Prefix.parse(f[3] + "/" + f[4]));
                        default -> { }
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void splitExact(IpAddress s, IpAddress e, List<Prefix> out) {
        long a = s.v4Address() & 0xffffffffL, b = e.v4Address() & 0xffffffffL;
        while (a <= b) {
            int bits = a == 0 ? 32 : Math.min(32, Long.numberOfTrailingZeros(a));
            while (a + (1L << bits) - 1 > b) bits--;
            out.add(Prefix.v4((int) a, 32 - bits));
            a += 1L << bits;
        }
    }

    /** Address blocks delegated to a country (ISO 3166 code), empty when none. */
    public List<Prefix> blocks(String cc) {
        return blocks.getOrDefault(cc.toUpperCase(Locale.ROOT), List.of());
    }

    /** AS numbers delegated to a country, empty when none. */
    public Set<Integer> asns(String cc) {
        return asns.getOrDefault(cc.toUpperCase(Locale.ROOT), Set.of());
    }

    public boolean knows(String cc) {
        String c = cc.toUpperCase(Locale.ROOT);
        return blocks.containsKey(c) || asns.containsKey(c);
    }
}
