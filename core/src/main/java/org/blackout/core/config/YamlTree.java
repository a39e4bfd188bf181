package org.blackout.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML text to a {@link ConfigNode} tree with lines, through Jackson's streaming YAML parser (its
 * own tree model forgets where a value was). Duplicate keys are errors, not silently last-wins.
 */
public final class YamlTree {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTree() {}

    /** Parses one document; an empty document is an empty mapping. {@code source} names the text in errors. */
    public static ConfigNode parse(String yaml, String source) {
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) return new ConfigNode.Mapping("", 1, Map.of(), Map.of());
            return node(p, "", source);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(source, at == null ? 0 : at.getLineNr(), "(yaml)", e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        } catch (IOException e) {
            throw new ConfigException(source, 0, "(yaml)", e.getMessage());
        }
    }

    private static ConfigNode node(JsonParser p, String path, String source) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    String at = path.isEmpty() ? key : path + "." + key;
                    if (entries.containsKey(key)) throw new ConfigException(source, keyLine, at, "duplicate key");
                    p.nextToken();
                    keyLines.put(key, keyLine);
                    entries.put(key, node(p, at, source));
                }
                return new ConfigNode.Mapping(path, line, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines));
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(node(p, path + "[" + items.size() + "]", source));
                return new ConfigNode.Sequence(path, line, List.copyOf(items));
            }
            case VALUE_NUMBER_INT -> {
                return new ConfigNode.Scalar(path, line, p.getText(), ConfigNode.Scalar.Kind.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new ConfigNode.Scalar(path, line, p.getText(), ConfigNode.Scalar.Kind.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new ConfigNode.Scalar(path, line, p.getText(), ConfigNode.Scalar.Kind.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new ConfigNode.Scalar(path, line, null, ConfigNode.Scalar.Kind.NULL);
            }
            default -> {
                return new ConfigNode.Scalar(path, line, p.getText(), ConfigNode.Scalar.Kind.STRING);
            }
        }
    }
}
