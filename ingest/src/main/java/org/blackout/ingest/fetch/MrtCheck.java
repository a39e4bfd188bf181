package org.blackout.ingest.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.blackout.ingest.mrt.MrtFiles;

/**
 * The check a download passes before it enters the cache: its compression is what its name says and
 * decompresses to the end without error (a truncated or corrupted transfer fails here), and what comes
 * out starts with an MRT header (an HTML error page served as the file fails here). Damaged records
 * inside a well-compressed file are the decoder's to report and skip, not a reason to reject the file.
 */
final class MrtCheck {
    private MrtCheck() {}

    /** Thrown for a file that is not what it should be; the message names the file and what is wrong. */
    static final class BrokenFile extends IOException {
        BrokenFile(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void verify(Path file, String name) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream probe = Files.newInputStream(file)) {
            n = probe.readNBytes(magic, 0, 4);
        }
        MrtFiles.Compression compression = MrtFiles.Compression.of(magic, n);
        boolean gzip = compression == MrtFiles.Compression.GZIP;
        boolean bzip2 = compression == MrtFiles.Compression.BZIP2;
        if (name.endsWith(".gz") && !gzip) throw new BrokenFile(name + ": not gzip data (" + describe(magic, n) + ")", null);
        if (name.endsWith(".bz2") && !bzip2) throw new BrokenFile(name + ": not bzip2 data (" + describe(magic, n) + ")", null);
        long total = 0;
        byte[] head = new byte[12];
        int headLen = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : bzip2 ? new BZip2CompressorInputStream(raw, true) : raw) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                if (headLen < 12) {
                    int c = Math.min(12 - headLen, r);
                    System.arraycopy(buf, 0, head, headLen, c);
                    headLen += c;
                }
                total += r;
            }
        } catch (IOException e) {
            throw new BrokenFile(name + ": does not decompress to the end after " + total + " bytes (" + e.getMessage() + ")", e);
        }
        if (total == 0) return; // an empty interval: RIS writes empty update files
        if (headLen < 12) throw new BrokenFile(name + ": " + total + " bytes, shorter than one MRT header", null);
        int type = ((head[4] & 0xff) << 8) | (head[5] & 0xff);
        long length = ((head[8] & 0xffL) << 24) | ((head[9] & 0xff) << 16) | ((head[10] & 0xff) << 8) | (head[11] & 0xff);
        if (!knownType(type) || length > (1 << 24)) {
            throw new BrokenFile(name + ": not MRT at offset 0 (type " + type + ", length " + length + ")", null);
        }
    }

    /** RFC 6396 types and the deprecated ones early archives hold (BGP = 5 and its neighbours). */
    private static boolean knownType(int type) {
        return (type >= 1 && type <= 17) || type == 32 || type == 33 || type == 48 || type == 49;
    }

    private static String describe(byte[] magic, int n) {
        StringBuilder sb = new StringBuilder("starts");
        for (int i = 0; i < n; i++) sb.append(String.format(" %02x", magic[i] & 0xff));
        return n == 0 ? "empty" : sb.toString();
    }
}
