package org.blackout.core.entity;

/**
 * The malformed lines an entity-file reader skipped: how many, and the first (line number, why, text),
 * so the caller can report them and name the first when a file yields nothing at all.
 */
public final class Skips {
    private static final int MAX_TEXT = 120;
    private int count;
    private long firstLine;
    private String firstReason;
    private String firstText;

    /** Notes a skipped line ({@code line} counted from 1). */
    public void add(long line, String reason, String text) {
        if (count++ == 0) {
            firstLine = line;
            firstReason = reason;
            firstText = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        }
    }

    public int count() {
        return count;
    }

    /** Line number of the first skipped line, 0 when none. */
    public long firstLine() {
        return firstLine;
    }

    /** "line N: why: 'text'" for the first skipped line, or null when none. */
    public String first() {
        return count == 0 ? null : "line " + firstLine + ": " + firstReason + ": '" + firstText + "'";
    }
}
