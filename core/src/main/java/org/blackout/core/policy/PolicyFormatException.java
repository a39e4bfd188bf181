package org.blackout.core.policy;

import java.io.IOException;

/**
 * A policy file (ROAs, prefixes.yml, AS relationships) that cannot be read as its format says.
 * The message starts with {@code source:line[:column]} so an operator can jump to the fault; the
 * parts stay available for tools that want them. An {@link IOException}, so a caller that loads a
 * file handles "missing" and "malformed" in one place.
 */
public final class PolicyFormatException extends IOException {
    private final String source;
    private final long line;
    private final long column;

    /**
     * @param source the file name (or another label for in-memory text)
     * @param line   1-based; 0 when unknown
     * @param column 1-based; 0 when unknown (line-oriented formats)
     */
    public PolicyFormatException(String source, long line, long column, String message) {
        this(source, line, column, message, null);
    }

    public PolicyFormatException(String source, long line, long column, String message, Throwable cause) {
        super(where(source, line, column) + ": " + message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String where(String source, long line, long column) {
        if (line <= 0) return source;
        return column > 0 ? source + ":" + line + ":" + column : source + ":" + line;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
