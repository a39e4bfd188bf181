package org.blackout.ingest.mrt;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Opens MRT archives: plain, gzip, bzip2 and zstd, recognised by their magic bytes (not the file
 * name). bzip2 goes through an {@code lbzip2 -dc} pipe when lbzip2 is on the PATH (parallel and
 * several times faster than in-process), else through commons-compress.
 */
public final class MrtFiles {
    private static final int BUFFER = 1 << 16;
    private static final String LBZIP2 = findOnPath("lbzip2");

    private MrtFiles() {}

    /** Opens a file, decompressing by magic bytes. The caller closes the stream. */
    public static InputStream open(Path file) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream probe = Files.newInputStream(file)) {
            n = probe.readNBytes(magic, 0, 4);
        }
        InputStream raw = Files.newInputStream(file);
        try {
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
                if (LBZIP2 != null) {
                    raw.close();
                    return lbzip2(file);
                }
                return new BufferedInputStream(new BZip2CompressorInputStream(new BufferedInputStream(raw, BUFFER), true),
                        BUFFER);
            }
            if (n == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                    && (magic[3] & 0xff) == 0xfd) {
                return new BufferedInputStream(new ZstdInputStream(new BufferedInputStream(raw, BUFFER)), BUFFER);
            }
            return new BufferedInputStream(raw, BUFFER);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Directories become their regular files (recursively), sorted by path; files stay in the given order. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static InputStream lbzip2(Path file) throws IOException {
        Process proc = new ProcessBuilder(LBZIP2, "-dc", file.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new FilterInputStream(new BufferedInputStream(proc.getInputStream(), BUFFER)) {
            @Override
            public void close() throws IOException {
                super.close();
                proc.destroy();
            }
        };
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
