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
    private static final String MALLOC_TUNABLES =
            "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=268435456";

    private MrtFiles() {}

    /** Opens a file, decompressing by magic bytes. The caller closes the stream. */
    public static InputStream open(Path file) throws IOException {
        return open(file, 0);
    }

    /**
     * As {@link #open(Path)}, with lbzip2's worker count ({@code 0}: one per core). A replay of many
     * files decodes several at once already: there one worker each does the same work for less CPU
     * (a day of route-views2 updates: 6.0 s of CPU with {@code -n 1}, 9.4 s with two workers, which
     * mostly wait on each other; bzip2 itself 6.1 s).
     */
    public static InputStream open(Path file, int bzip2Workers) throws IOException {
        Compression compression = compression(file);
        InputStream raw = Files.newInputStream(file);
        // decompressors are not wrapped in a BufferedInputStream: readers ask for large blocks anyway,
        // and a buffered read that hits a truncated stream would drop the bytes it already had
        try {
            return switch (compression) {
                case GZIP -> new GZIPInputStream(raw, BUFFER);
                case BZIP2 -> bzip2(file, raw, bzip2Workers);
                case ZSTD -> new ZstdInputStream(new BufferedInputStream(raw, BUFFER));
                case NONE -> new BufferedInputStream(raw, BUFFER);
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream bzip2(Path file, InputStream raw, int bzip2Workers) throws IOException {
        boolean complete = completeBzip2(file);
        if (LBZIP2 != null && complete) {
            // not for a truncated stream: lbzip2 then drops blocks still queued for output
            // (how many depends on timing), while the in-process decoder yields them all
            raw.close();
            return lbzip2(file, bzip2Workers);
        }
        InputStream bz = new BZip2CompressorInputStream(new BufferedInputStream(raw, BUFFER), true);
        return complete ? bz : new Salvaging(bz);
    }

    /** How a file is compressed, as {@link #open} recognises it: by its first bytes, not its name. */
    public enum Compression {
        NONE, GZIP, BZIP2, ZSTD;

        /** The compression whose magic bytes start {@code magic}, of which {@code n} bytes were read. */
        public static Compression of(byte[] magic, int n) {
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) return GZIP;
            if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') return BZIP2;
            if (n >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                    && (magic[3] & 0xff) == 0xfd) {
                return ZSTD;
            }
            return NONE;
        }
    }

    /** The file's compression, from its first four bytes. */
    public static Compression compression(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream probe = Files.newInputStream(file)) {
            return Compression.of(magic, probe.readNBytes(magic, 0, magic.length));
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

    /**
     * Reads a truncated stream byte by byte so that an error at the truncation point loses nothing
     * already decoded: the bytes gathered are returned first, the error is thrown on the next read.
     */
    private static final class Salvaging extends FilterInputStream {
        private IOException pending;

        Salvaging(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pending != null) {
                IOException e = pending;
                pending = null;
                throw e;
            }
            int n = 0;
            try {
                while (n < len) {
                    int c = in.read();
                    if (c < 0) break;
                    b[off + n++] = (byte) c;
                }
            } catch (IOException e) {
                if (n == 0) throw e;
                pending = e;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }

    /**
     * Whether a bzip2 file ends with an end-of-stream marker (48-bit magic 0x177245385090, bit
     * aligned, then a 32-bit CRC and up to 7 padding bits). lbzip2 may drop blocks it already
     * decoded when a truncated stream makes it fail, so truncated files are read in-process, which
     * yields every complete block.
     */
    static boolean completeBzip2(Path file) throws IOException {
        byte[] tail;
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            int n = (int) Math.min(size, 16);
            ch.position(size - n);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(n);
            while (bb.hasRemaining() && ch.read(bb) >= 0) { }
            tail = bb.array();
        }
        int bits = tail.length * 8;
        for (int pad = 0; pad < 8; pad++) {
            int end = bits - 32 - pad; // bit index just after the magic
            int start = end - 48;
            if (start < 0) break;
            long v = 0;
            for (int i = start; i < end; i++) v = (v << 1) | ((tail[i >>> 3] >>> (7 - (i & 7))) & 1);
            if (v == 0x177245385090L) return true;
        }
        return false;
    }

    /** @param workers lbzip2's -n, or 0 for its default (one per core) */
    private static InputStream lbzip2(Path file, int workers) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(LBZIP2, "-dc"));
        if (workers > 0) cmd.addAll(List.of("-n", Integer.toString(workers)));
        cmd.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // glibc serves each of lbzip2's large block buffers with a fresh mmap, so every block's pages are
        // faulted in and zeroed anew: with the threshold raised it reuses its heap (a day of route-views2
        // through lbzip2 alone: 11 -> 9 s of CPU; inside a replay about 1 s less system time; see
        // bench/PERFORMANCE.md). Other C libraries ignore the variable; a caller's own value wins.
        builder.environment().putIfAbsent("GLIBC_TUNABLES", MALLOC_TUNABLES);
        Process proc = builder.start();
        StringBuilder errors = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (InputStream err = proc.getErrorStream()) {
                byte[] b = err.readNBytes(4096);
                synchronized (errors) {
                    errors.append(new String(b, java.nio.charset.StandardCharsets.UTF_8).trim());
                }
            } catch (IOException ignored) {
                // nothing to add to the report
            }
        });
        return new FilterInputStream(proc.getInputStream()) {
            private boolean checked;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) checkExit();
                return n;
            }

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c < 0) checkExit();
                return c;
            }

            /** At the end of the data, a failed lbzip2 (a damaged or truncated file) becomes an IOException. */
            private void checkExit() throws IOException {
                if (checked) return;
                checked = true;
                try {
                    int status = proc.waitFor();
                    if (status != 0) {
                        String why;
                        synchronized (errors) {
                            why = errors.toString();
                        }
                        throw new IOException("lbzip2 exit status " + status + (why.isEmpty() ? "" : ": " + why));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for lbzip2", e);
                }
            }

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
