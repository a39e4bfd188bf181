package org.blackout.core.config;

/**
 * The one configuration error of every YAML file Blackout reads (the configuration, scenarios):
 * it names the file, the line and the key by its path ({@code sources.collector.neighbours[1].as}).
 */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final int line;
    private final String path;

    /** An error at {@code path} (a key path, or {@code (root)}, {@code (yaml)}) where no line is known. */
    public ConfigException(String path, String message) {
        this(null, 0, path, message);
    }

    /**
     * @param source the file (or other origin) read, null when unknown
     * @param line   1-based line, 0 when unknown
     */
    public ConfigException(String source, int line, String path, String message) {
        super(prefix(source, line) + path + ": " + message);
        this.source = source;
        this.line = line;
        this.path = path;
    }

    private static String prefix(String source, int line) {
        if (source == null) return line > 0 ? "line " + line + ": " : "";
        return source + (line > 0 ? ":" + line : "") + ": ";
    }

    /** The key path, e.g. {@code alerts.destinations[0].url}. */
    public String path() {
        return path;
    }

    /** The 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The file read, or null. */
    public String source() {
        return source;
    }
}
