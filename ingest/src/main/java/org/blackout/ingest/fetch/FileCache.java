package org.blackout.ingest.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The local copy of archive files, laid out as {@code <root>/<project>/<path in the archive>}. A file
 * enters only whole: it is downloaded to {@code NAME.part} (kept across runs, so a later run resumes
 * it), checked ({@link MrtCheck}) and renamed into place, so a name in the cache is always a complete,
 * decompressible MRT file.
 */
public final class FileCache {
    private final Path root;

    public FileCache(Path root) {
        this.root = root;
    }

    /** {@code $XDG_CACHE_HOME/blackout/archives}, else {@code ~/.cache/blackout/archives}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("blackout").resolve("archives");
    }

    public Path root() {
        return root;
    }

    public Path entry(RemoteFile f) {
        return root.resolve(f.cachePath());
    }

    public Path partial(RemoteFile f) {
        Path e = entry(f);
        return e.resolveSibling(e.getFileName() + ".part");
    }

    public Optional<Path> lookup(RemoteFile f) {
        Path e = entry(f);
        return Files.isRegularFile(e) ? Optional.of(e) : Optional.empty();
    }

    /** Checks a finished download and moves it into place; a broken one is deleted and reported. */
    Path commit(RemoteFile f, Path part) throws IOException {
        try {
            MrtCheck.verify(part, f.name());
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Path e = entry(f);
        Files.move(part, e, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return e;
    }
}
