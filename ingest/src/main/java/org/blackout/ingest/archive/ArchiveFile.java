package org.blackout.ingest.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * One gzip MRT file being written under a temporary name beside its final name, and renamed into
 * place atomically when finished: a reader never sees half a file under the final name. If the final
 * file already exists (a restart within the same window), its bytes are copied first and the new
 * records follow as a second gzip member, which gzip readers (zlib, bgpdump, Java) read as one stream.
 */
final class ArchiveFile implements AutoCloseable {
    private final Path target, temp;
    private final FileChannel channel;
    private final GZIPOutputStream gzip;
    private final OutputStream out;
    private boolean done;

    ArchiveFile(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        if (Files.exists(target)) Files.copy(target, temp, StandardCopyOption.REPLACE_EXISTING);
        else Files.deleteIfExists(temp);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.gzip = new GZIPOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                1 << 16), 1 << 16);
        this.out = gzip;
    }

    Path target() {
        return target;
    }

    void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Finishes the gzip stream, syncs, and renames the file to its final name. */
    @Override
    public void close() throws IOException {
        if (done) return;
        done = true;
        gzip.finish();
        gzip.flush();
        channel.force(true);
        gzip.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
