package org.blackout.ingest.config;

/** A configuration error naming the offending field by its path, e.g. {@code collector.neighbours[1].as}. */
public final class ConfigException extends RuntimeException {
    private final String field;

    public ConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
