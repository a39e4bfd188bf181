package org.blackout.core.policy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The small fixtures under src/test/resources/policy, and the shared real data when present. */
final class Fixtures {
    private Fixtures() {}

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/policy/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture policy/" + name, e);
        }
    }

    /** A file under the shared data directory (system property {@code blackout.shared}), if there. */
    static Optional<Path> shared(String relative) {
        String base = System.getProperty("blackout.shared");
        if (base == null) return Optional.empty();
        Path p = Path.of(base, relative);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
