package org.blackout.core.policy;

import it.unimi.dsi.fastutil.longs.Long2ByteOpenHashMap;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Business relationships between ASes (provider, customer, peer), as inferred by CAIDA and
 * others, for route leak detection ({@link ValleyFree}). Immutable once built.
 *
 * <p>One fastutil {@code long → byte} map entry per AS pair: the key packs the smaller ASN in the
 * upper 32 bits, the value is the smaller AS's relation to the larger, so each link is stored once
 * and {@link #relation(long, long)} costs one hash probe and allocates nothing. About 20 bytes per
 * link: CAIDA's 500,000 links take about 10 MB.
 */
public final class AsRelationships {
    private static final Relation[] BY_CODE = {Relation.UNKNOWN, Relation.PROVIDER_OF, Relation.CUSTOMER_OF, Relation.PEER};

    private final Long2ByteOpenHashMap links;
    private final int conflicts;

    private AsRelationships(Long2ByteOpenHashMap links, int conflicts) {
        links.trim();
        this.links = links;
        this.conflicts = conflicts;
    }

    /** What AS {@code a} is to AS {@code b}; {@link Relation#UNKNOWN} when the pair is not listed (or a == b). */
    public Relation relation(long a, long b) {
        if (a < b) return BY_CODE[links.get(a << 32 | b)];
        if (a > b) return BY_CODE[links.get(b << 32 | a)].inverse();
        return Relation.UNKNOWN;
    }

    /** Number of AS pairs with a known relationship. */
    public int size() {
        return links.size();
    }

    /**
     * Pairs listed twice with contradicting relationships (the first listing was kept). Nonzero on a
     * well-formed file usually means it was read with the wrong {@link AsRelFormat}.
     */
    public int conflicts() {
        return conflicts;
    }

    /** Reads a relationship file, gzip-compressed or not. */
    public static AsRelationships read(Path file, AsRelFormat format) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), format);
        }
    }

    /**
     * Reads {@code AS1|AS2|rel[|source]} lines; {@code #} lines are comments (CAIDA's header).
     *
     * @param source names the input in error messages
     * @throws PolicyFormatException naming the line of a malformed row, a relationship value the
     *                               format does not have, or an AS related to itself
     */
    public static AsRelationships read(InputStream raw, String source, AsRelFormat format) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1F && in.read() == 0x8B;
        in.reset();
        if (gzip) in = new GZIPInputStream(in, 1 << 16);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
        Builder b = new Builder();
        long lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.charAt(0) == '#') continue;
            int p1 = line.indexOf('|'), p2 = p1 < 0 ? -1 : line.indexOf('|', p1 + 1);
            if (p2 < 0) throw new PolicyFormatException(source, lineNo, 0, "expected AS1|AS2|rel, got: " + line);
            int p3 = line.indexOf('|', p2 + 1);
            try {
                long a = Asns.parse(line.substring(0, p1)), c = Asns.parse(line.substring(p1 + 1, p2));
                String relText = line.substring(p2 + 1, p3 < 0 ? line.length() : p3).strip();
                Relation rel;
                try {
                    rel = format.relation(Integer.parseInt(relText));
                } catch (NumberFormatException e) {
                    rel = null;
                }
                if (rel == null) {
                    throw new IllegalArgumentException("relationship '" + relText + "' is not one of the " + format + " format's "
                            + (format == AsRelFormat.CAIDA ? "-1 (provider of), 0 (peer)" : "-1 (provider of), 0 (peer), 1 (customer of)"));
                }
                if (a == c) throw new IllegalArgumentException("AS" + a + " related to itself");
                b.add(a, c, rel);
            } catch (IllegalArgumentException e) {
                throw new PolicyFormatException(source, lineNo, 0, e.getMessage() + ": " + line);
            }
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects relationships; the first one given for a pair wins. */
    public static final class Builder {
        private final Long2ByteOpenHashMap links = new Long2ByteOpenHashMap();
        private int conflicts;

        /** Records that {@code a} is {@code rel} to {@code b} (e.g. {@code add(174, 64500, PROVIDER_OF)}). */
        public Builder add(long a, long b, Relation rel) {
            Asns.check(a, a);
            Asns.check(b, b);
            if (a == b) throw new IllegalArgumentException("AS" + a + " related to itself");
            if (rel == Relation.UNKNOWN) return this;
            Relation smallToLarge = a < b ? rel : rel.inverse();
            long key = Math.min(a, b) << 32 | Math.max(a, b);
            byte code = (byte) (smallToLarge.ordinal() + 1);
            byte had = links.putIfAbsent(key, code);
            if (had != 0 && had != code) conflicts++;
            return this;
        }

        public AsRelationships build() {
            return new AsRelationships(links.clone(), conflicts);
        }
    }
}
