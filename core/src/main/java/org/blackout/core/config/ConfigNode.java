package org.blackout.core.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as read, each node knowing its key path and line, so that every error can name
 * both. Built by {@link YamlTree}; read through {@link ConfigReader}.
 */
public sealed interface ConfigNode {
    /** The key path from the root: {@code sources.collector.neighbours[0]}; empty for the root. */
    String path();

    /** 1-based line where the node starts. */
    int line();

    /** What the node is, for messages: {@code a mapping}, {@code a list}, {@code 'text'}. */
    String describe();

    /** A mapping; keys in file order, with the line of each key (a list value starts on the next). */
    record Mapping(String path, int line, Map<String, ConfigNode> entries, Map<String, Integer> keyLines) implements ConfigNode {
        public String describe() {
            return "a mapping";
        }

        /** The line of {@code key}, else of the mapping. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /** A list. */
    record Sequence(String path, int line, List<ConfigNode> items) implements ConfigNode {
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar as the YAML parser typed it.
     *
     * @param text the value's text (null for YAML null)
     */
    record Scalar(String path, int line, String text, Kind kind) implements ConfigNode {
        public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        public String describe() {
            return kind == Kind.NULL ? "nothing" : "'" + text + "'";
        }
    }
}
