package org.blackout.core.entity;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Loads one entity-map file into a builder, choosing the reader by content: a MaxMind DB
 * ({@code .mmdb}), pyasn's names JSON (starts with '{'), an RIR delegated file (pipe-separated) or a
 * range CSV. Gzip (.gz) is undone here; tar archives are the caller's business.
 */
public final class EntityFiles {
    private EntityFiles() {}

    public enum Kind { MMDB, AS_NAMES_JSON, RIR_DELEGATED, RANGE_CSV }

    /** Loads a file and returns what it was read as; skipped malformed lines are reported on stderr. */
    public static Kind load(Path file, EntityMaps.Builder into) throws IOException {
        return load(file, into, System.err::println);
    }

    /**
     * Loads a file and returns what it was read as. Malformed lines are skipped and reported to
     * {@code warn} in one message (file, how many, the first one with its line number).
     *
     * @throws IOException when the file cannot be read, or yields no record at all (the message names
     *                     the file and its first bad line)
     */
    public static Kind load(Path file, EntityMaps.Builder into, Consumer<String> warn) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), into, warn);
        }
    }

    /** Loads a stream named {@code name}, reporting to stderr (see {@link #load(InputStream, String, EntityMaps.Builder, Consumer)}). */
    public static Kind load(InputStream raw, String name, EntityMaps.Builder into) throws IOException {
        return load(raw, name, into, System.err::println);
    }

    /**
     * Loads a stream named {@code name} (the name serves to spot .gz and .mmdb, and in messages).
     * Malformed lines are skipped and reported to {@code warn}; a stream that yields no record is an
     * {@link IOException} naming it and its first bad line.
     */
    public static Kind load(InputStream raw, String name, EntityMaps.Builder into, Consumer<String> warn)
            throws IOException {
        String shown = name;
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (name.endsWith(".gz")) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".mmdb")) {
            MmdbCountries.read(in, into);
            return Kind.MMDB;
        }
        in.mark(1 << 14);
        byte[] head = in.readNBytes(1 << 13);
        in.reset();
        Kind kind = sniff(new String(head, StandardCharsets.ISO_8859_1));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Skips skips = new Skips();
        int taken = switch (kind) {
            case AS_NAMES_JSON -> AsNamesJson.read(r, into, skips);
            case RIR_DELEGATED -> RirDelegations.read(r, into, skips);
            default -> RangeCsv.read(r, into, skips);
        };
        String what = switch (kind) {
            case AS_NAMES_JSON -> "AS names";
            case RIR_DELEGATED -> "RIR delegation";
            default -> "range CSV";
        };
        if (taken == 0) {
            throw new EntityFileException(shown + ": no usable " + what + " records"
                    + (skips.count() > 0 ? "; " + skips.count() + " malformed, the first at " + skips.first()
                            : " (empty, or only comments and headers)"));
        }
        if (skips.count() > 0) {
            warn.accept(shown + ": skipped " + skips.count() + " malformed " + what + " line"
                    + (skips.count() == 1 ? "" : "s") + " (" + taken + " records taken); first at " + skips.first());
        }
        return kind;
    }

    static Kind sniff(String head) {
        String t = head.stripLeading();
        if (t.startsWith("{")) return Kind.AS_NAMES_JSON;
        for (String line : t.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            return line.indexOf('|') >= 0 ? Kind.RIR_DELEGATED : Kind.RANGE_CSV;
        }
        return Kind.RANGE_CSV;
    }
}
