package org.blackout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version line of {@code blackout --version}. Kept apart from picocli so that answering
 * {@code --version} loads nothing but this class, and cheap: the JDK's version is read from its
 * system property (what {@link Runtime#version()} parses), and the text is joined without a string
 * concatenation call site (bootstrapping one costs a short run milliseconds).
 */
final class BuildInfo {
    private BuildInfo() {}

    /** {@code blackout VERSION (Java JDK-VERSION)}. */
    static String versionLine() {
        StringBuilder b = new StringBuilder(64);
        b.append("blackout ").append(version()).append(" (Java ").append(System.getProperty("java.runtime.version"))
                .append(')');
        return b.toString();
    }

    /** The project version, from the properties file Maven filters into the jar. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/blackout-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
