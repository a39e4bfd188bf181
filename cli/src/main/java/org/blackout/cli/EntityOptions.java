package org.blackout.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.blackout.core.entity.EntityFiles;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.signal.Watch;
import picocli.CommandLine.Option;

/** What the engine needs to name things, shared by the commands that run it: entity maps and watched entities. */
final class EntityOptions {

    @Option(names = "--rir", paramLabel = "FILE",
            description = "RIR delegated statistics files (plain or extended format, .gz ok), or folders of them: "
                    + "prefix and AS → country.")
    List<Path> rir = new ArrayList<>();

    @Option(names = "--geo", paramLabel = "FILE",
            description = "Address → country/AS: start,end,CC or start,end,asn,org CSV (.csv, .csv.gz, or a .tgz of them), "
                    + "or a MaxMind DB (.mmdb).")
    List<Path> geo = new ArrayList<>();

    @Option(names = "--as-names", paramLabel = "FILE", description = "AS names, pyasn asnames.json format (.gz ok).")
    Path asNames;

    @Option(names = "--watch", split = ",", paramLabel = "ENTITY",
            description = "Entities: country:CC, as:N, prefix:P, all-countries, all-ases "
                    + "(default: all-countries with country data, else all-ases).")
    List<String> watch = new ArrayList<>();

    EntityMaps loadMaps() throws IOException {
        EntityMaps.Builder b = EntityMaps.builder();
        for (Path f : rir) {
            if (Files.isDirectory(f)) {
                // a folder of delegation files (as ../shared/data/rir): each of them, in name order
                try (var s = Files.list(f)) {
                    for (Path g : s.filter(Files::isRegularFile).sorted().toList()) EntityFiles.load(g, b, EntityOptions::warn);
                }
            } else {
                EntityFiles.load(f, b, EntityOptions::warn);
            }
        }
        for (Path f : geo) {
            String name = f.getFileName().toString();
            if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) loadTar(f, b);
            else EntityFiles.load(f, b, EntityOptions::warn);
        }
        if (asNames != null) EntityFiles.load(asNames, b, EntityOptions::warn);
        return b.build();
    }

    /** Skipped malformed lines of an entity file: a warning on stderr. */
    static void warn(String message) {
        System.err.println("blackout: warning: " + message);
    }

    /** The watched entities; throws IllegalArgumentException naming a bad one. */
    Watch watch(EntityMaps maps) {
        return Watch.parse(watch.isEmpty() ? List.of(maps.hasCountries() ? "all-countries" : "all-ases") : watch);
    }

    /** The CSV members of a tar.gz (ip-location-db packages); "-num" duplicates of a text CSV are skipped. */
    private static void loadTar(Path f, EntityMaps.Builder b) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!e.isFile() || !(name.endsWith(".csv") || name.endsWith(".mmdb")) || name.endsWith("-num.csv")) continue;
                EntityFiles.load(new NonClosing(tar), f + "!" + name, b, EntityOptions::warn);
            }
        }
    }

    /** Lets a reader consume one tar member without closing the archive. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
