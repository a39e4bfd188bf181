package org.blackout.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository (../shared/data, a daemon or browser binary, a working
 * initdb). On a developer machine a missing prerequisite skips the test with the message; in CI
 * (environment variable {@code CI=true}) it fails the test, so a CI run cannot pass by skipping
 * everything. Every test checks its prerequisites through here, never through JUnit's
 * {@code Assumptions} directly.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** True when running in CI ({@code CI=true}, as GitHub Actions, GitLab CI and {@code .ci/run} set it). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (developer machine) or fails (CI) the test unless {@code present}; {@code what} says what is missing. */
    public static void require(boolean present, String what) {
        if (!present) missing(what);
    }

    /**
     * For a check that only part of a test needs (a comparison with a reference tool): returns
     * {@code present}; when absent, says so on stderr (developer machine) or fails the test (CI).
     */
    public static boolean optional(boolean present, String what) {
        if (present) return true;
        if (inCi()) Assertions.fail("prerequisite missing in CI (CI=true): " + what);
        System.err.println("prerequisite missing, check left out: " + what + " (in CI, with CI=true, this fails)");
        return false;
    }

    /** Skips (developer machine) or fails (CI) the test: {@code what} is missing. Never returns. */
    public static <T> T missing(String what) {
        if (inCi()) {
            Assertions.fail("prerequisite missing in CI (CI=true): " + what);
        }
        Assumptions.abort("skipped, prerequisite missing: " + what + " (in CI, with CI=true, this fails)");
        throw new AssertionError("unreachable");
    }

    /** The shared data directory ({@code blackout.shared}, set by surefire to ../shared/data). */
    public static Path sharedData() {
        String s = System.getProperty("blackout.shared");
        Path p = s == null ? null : Path.of(s);
        require(p != null && Files.isDirectory(p), "shared data directory " + (s == null ? "(blackout.shared not set)" : s)
                + " (../shared/data)");
        return p;
    }

    /** A file or directory under the shared data directory. */
    public static Path sharedData(String relative) {
        Path p = sharedData().resolve(relative);
        require(Files.exists(p), "shared data " + p);
        return p;
    }

    /** An executable at {@code path} (e.g. /usr/bin/bgpdump), naming the Debian package that provides it. */
    public static Path executable(String path, String debianPackage) {
        Path p = Path.of(path);
        require(Files.isExecutable(p), p + " is not installed (apt-get install " + debianPackage + ")");
        return p;
    }
}
