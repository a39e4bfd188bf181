package org.blackout.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blackout.testkit.Prerequisites;

/** A size-limited tmpfs mounted for a test (needs root, as in CI's container): a disk that fills and can go read-only. */
final class Tmpfs implements AutoCloseable {
    final Path dir;

    Tmpfs(Path dir, int megabytes) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        // .ci/run probes a tmpfs mount first: a container without the capability is an environment
        // limit, not a missing package, so there the disk tests skip, named, instead of failing CI
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getenv("BLACKOUT_NO_MOUNT") != null,
                "skipped: this container cannot mount a tmpfs (BLACKOUT_NO_MOUNT, set by .ci/run's probe)");
        Prerequisites.require(run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()),
                "mounting a tmpfs (root, or a container allowing mount) to fill a disk");
    }

    /** Writes zeros to {@code name} until the disk is full; returns the bytes written. */
    long fill(String name) throws IOException {
        byte[] block = new byte[1 << 16];
        long n = 0;
        try (var out = Files.newOutputStream(dir.resolve(name))) {
            while (true) {
                out.write(block);
                n += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space")) throw full;
        }
        return n;
    }

    boolean remount(String mode) throws IOException, InterruptedException {
        return run("mount", "-o", "remount," + mode, dir.toString());
    }

    static boolean run(String... cmd) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no mount command
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", dir.toString());
    }
}
