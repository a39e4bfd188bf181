package org.blackout.core.policy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads VRP files, telling the format from the content, not the name:
 * <ul>
 *   <li>JSON ({@link RoaJson}): rpki-client's {@code -j} output and Routinator's {@code json} and
 *       {@code jsonext}: an object whose {@code roas} array holds {@code {prefix, maxLength, asn, ta}};</li>
 *   <li>CSV ({@link RoaCsv}): Routinator's and rpki-client's {@code ASN,IP Prefix,Max Length,Trust Anchor}
 *       with its header line (columns are found by header name, so {@code csvext} works too).</li>
 * </ul>
 * Either may be gzip-compressed. The first non-blank character decides: <code>{</code> means JSON.
 */
public final class RoaFiles {
    private RoaFiles() {}

    public static List<Roa> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** @param source names the input in error messages */
    public static List<Roa> read(InputStream raw, String source) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        if (in.read() == 0x1F && in.read() == 0x8B) {
            in.reset();
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } else {
            in.reset();
        }
        return isJson(in) ? RoaJson.read(in, source) : RoaCsv.read(in, source);
    }

    private static boolean isJson(InputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0, c; i < 4096 && (c = in.read()) >= 0; i++) {
                if (c == '{' || c == '[') return true;
                // whitespace and a UTF-8 byte order mark may come first
                if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) return false;
            }
            return false;
        } finally {
            in.reset();
        }
    }
}
