package org.blackout.pipeline;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.blackout.core.entity.EntityFiles;
import org.blackout.core.entity.EntityMaps;

/**
 * The files the engine names things from; the one place they are loaded.
 *
 * @param rir     RIR delegated statistics files (plain or extended, .gz ok) or folders of them: prefix and AS → country
 * @param geo     address → country/AS files: CSV ranges (.csv, .csv.gz, or a .tgz of them) or MaxMind DBs
 * @param asNames AS names (pyasn asnames.json, .gz ok), or null
 */
public record EntitySources(List<Path> rir, List<Path> geo, Path asNames) {

    public EntitySources {
        rir = List.copyOf(rir);
        geo = List.copyOf(geo);
    }

    public static EntitySources none() {
        return new EntitySources(List.of(), List.of(), null);
    }

    /** Only RIR (or other country) files, e.g. a scenario's. */
    public static EntitySources rir(List<Path> rir) {
        return new EntitySources(rir, List.of(), null);
    }

    /** Loads the files; malformed lines are skipped with a warning on stderr. */
    public EntityMaps load() throws IOException {
        return load(message -> System.err.println("blackout: warning: " + message));
    }

    /** Loads the files; {@code warn} hears of each malformed line skipped. */
    public EntityMaps load(Consumer<String> warn) throws IOException {
        EntityMaps.Builder b = EntityMaps.builder();
        for (Path f : rir) {
            if (Files.isDirectory(f)) {
                // a folder of delegation files (as ../shared/data/rir): each of them, in name order
                try (Stream<Path> s = Files.list(f)) {
                    for (Path g : s.filter(Files::isRegularFile).sorted().toList()) EntityFiles.load(g, b, warn);
                }
            } else {
                EntityFiles.load(f, b, warn);
            }
        }
        for (Path f : geo) {
            String name = f.getFileName().toString();
            if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) loadTar(f, b, warn);
            else EntityFiles.load(f, b, warn);
        }
        if (asNames != null) EntityFiles.load(asNames, b, warn);
        return b.build();
    }

    /** The CSV members of a tar.gz (ip-location-db packages); "-num" duplicates of a text CSV are skipped. */
    private static void loadTar(Path f, EntityMaps.Builder b, Consumer<String> warn) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!e.isFile() || !(name.endsWith(".csv") || name.endsWith(".mmdb")) || name.endsWith("-num.csv")) continue;
                EntityFiles.load(new NonClosing(tar), f + "!" + name, b, warn);
            }
        }
    }

    /** Lets a reader consume one tar member without closing the archive. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
