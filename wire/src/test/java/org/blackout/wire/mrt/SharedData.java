package org.blackout.wire.mrt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.blackout.testkit.Prerequisites;

/** Files under ../shared/data/mrt; tests skip when it is not there. */
final class SharedData {
    private SharedData() {}

    static Path mrt(String relative) {
        String shared = System.getProperty("blackout.shared");
        Path p = shared == null ? null : Path.of(shared, "mrt", relative);
        Prerequisites.require(p != null && Files.exists(p), "shared data file not available: " + relative);
        return p;
    }

    static byte[] gunzip(String relative) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(mrt(relative)))) {
            return in.readAllBytes();
        }
    }
}
