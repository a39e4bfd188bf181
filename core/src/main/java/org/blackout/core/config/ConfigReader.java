package org.blackout.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one mapping of a YAML file with typed getters: every value is checked where it is read and
 * an error is a {@link ConfigException} naming the file, line and key. A missing section reads as
 * an empty one, so defaults apply. {@link #keys} is the one unknown-key check (a typo such as
 * {@code neighbors} must not start a collector that refuses everyone). Paths are relative to the
 * file's directory; durations read {@link Durations}' grammar, endpoints {@link HostPort}'s.
 */
public final class ConfigReader {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

    private final ConfigNode.Mapping node;
    private final String source;
    private final Path base;
    private final boolean present;

    private ConfigReader(ConfigNode.Mapping node, String source, Path base, boolean present) {
        this.node = node;
        this.source = source;
        this.base = base;
        this.present = present;
    }

    /** Reads a file; its directory is the base of relative paths. */
    public static ConfigReader load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "(file)", Files.exists(file) ? "cannot read: " + e.getMessage() : "no such file");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** Reads YAML text; {@code source} names it in errors, relative paths resolve against {@code base}. */
    public static ConfigReader parse(String yaml, String source, Path base) {
        ConfigNode root = YamlTree.parse(yaml, source);
        if (!(root instanceof ConfigNode.Mapping m)) throw new ConfigException(source, root.line(), "(root)", "expected a mapping, got " + root.describe());
        return new ConfigReader(m, source, base, true);
    }

    /** Whether this mapping was in the file (an absent section reads as empty). */
    public boolean present() {
        return present;
    }

    public boolean has(String key) {
        ConfigNode n = node.entries().get(key);
        return n != null && !(n instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Scalar.Kind.NULL);
    }

    /** The keys present, in file order. */
    public Set<String> keySet() {
        return node.entries().keySet();
    }

    /** The key path of this mapping ({@code (root)} at the top). */
    public String path() {
        return node.path().isEmpty() ? "(root)" : node.path();
    }

    public String source() {
        return source;
    }

    public Path base() {
        return base;
    }

    /** The unknown-key check: every key present must be one of {@code allowed}. */
    public ConfigReader keys(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : node.entries().keySet()) {
            if (!ok.contains(k)) throw error(k, "unknown key; expected one of " + String.join(", ", ok));
        }
        return this;
    }

    /** An error at {@code key} (its line, else this mapping's). */
    public ConfigException error(String key, String message) {
        return new ConfigException(source, node.lineOf(key), at(key), message);
    }

    /** An error about this mapping as a whole. */
    public ConfigException error(String message) {
        return new ConfigException(source, node.line(), path(), message);
    }

    private String at(String key) {
        return node.path().isEmpty() ? key : node.path() + "." + key;
    }

    // ---- structure ----

    /** A nested mapping; absent: an empty one (defaults apply). */
    public ConfigReader section(String key) {
        ConfigNode n = node.entries().get(key);
        if (n == null || n instanceof ConfigNode.Scalar s && s.kind() == ConfigNode.Scalar.Kind.NULL) {
            return new ConfigReader(new ConfigNode.Mapping(at(key), node.lineOf(key), Map.of(), Map.of()), source, base, false);
        }
        if (n instanceof ConfigNode.Mapping m) return new ConfigReader(m, source, base, true);
        throw error(key, "expected a mapping, got " + n.describe());
    }

    /** A list of mappings (absent: empty). */
    public List<ConfigReader> sections(String key) {
        List<ConfigReader> out = new ArrayList<>();
        for (ConfigNode n : items(key)) {
            if (!(n instanceof ConfigNode.Mapping m)) throw new ConfigException(source, n.line(), n.path(), "expected a mapping, got " + n.describe());
            out.add(new ConfigReader(m, source, base, true));
        }
        return out;
    }

    /** A list of scalars as text; a single scalar reads as a list of one (absent: empty). */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (ConfigNode n : items(key)) out.add(scalarText(n));
        return out;
    }

    /** As {@link #strings}, each element's error naming its index: {@code (index, text) -> value}. */
    public <T> List<T> list(String key, ItemParser<T> parse) {
        List<T> out = new ArrayList<>();
        for (ConfigNode n : items(key)) {
            String t = scalarText(n);
            try {
                out.add(parse.parse(t));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, n.line(), n.path(), e.getMessage());
            }
        }
        return out;
    }

    /** Turns one element's text into a value; throws IllegalArgumentException saying what was wanted. */
    @FunctionalInterface
    public interface ItemParser<T> {
        T parse(String text);
    }

    /** Scalar values of this mapping as text, by key (e.g. settings named after record components). */
    public Map<String, String> scalars() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : node.entries().keySet()) out.put(k, string(k));
        return out;
    }

    /** A subtree as plain Java values (maps, lists, strings, numbers, booleans), for pass-through settings. */
    public Map<String, Object> plain(String key) {
        ConfigReader r = section(key);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : r.node.entries().entrySet()) out.put(e.getKey(), plain(e.getValue()));
        return out;
    }

    private static Object plain(ConfigNode n) {
        return switch (n) {
            case ConfigNode.Mapping m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(k, plain(v)));
                yield out;
            }
            case ConfigNode.Sequence s -> s.items().stream().map(ConfigReader::plain).toList();
            case ConfigNode.Scalar s -> switch (s.kind()) {
                case INTEGER -> Long.parseLong(s.text());
                case DECIMAL -> Double.parseDouble(s.text());
                case BOOLEAN -> Boolean.parseBoolean(s.text());
                case NULL -> null;
                case STRING -> s.text();
            };
        };
    }

    private List<ConfigNode> items(String key) {
        if (!has(key)) return List.of();
        ConfigNode n = node.entries().get(key);
        return switch (n) {
            case ConfigNode.Sequence s -> s.items();
            case ConfigNode.Scalar s -> List.of(s);
            case ConfigNode.Mapping m -> throw error(key, "expected a list, got a mapping");
        };
    }

    private String scalarText(ConfigNode n) {
        if (n instanceof ConfigNode.Scalar s && s.kind() != ConfigNode.Scalar.Kind.NULL && !s.text().isBlank()) return s.text();
        throw new ConfigException(source, n.line(), n.path(), "expected a value, got " + n.describe());
    }

    private ConfigNode.Scalar scalar(String key) {
        ConfigNode n = node.entries().get(key);
        if (n instanceof ConfigNode.Scalar s && s.kind() != ConfigNode.Scalar.Kind.NULL) return s;
        throw error(key, n == null || n instanceof ConfigNode.Scalar ? "required" : "expected a value, got " + n.describe());
    }

    // ---- typed values ----

    /** A non-empty string; required. */
    public String string(String key) {
        ConfigNode.Scalar s = scalar(key);
        if (s.text().isBlank()) throw error(key, "expected a non-empty value");
        return s.text();
    }

    public String string(String key, String otherwise) {
        return has(key) ? string(key) : otherwise;
    }

    /** An integer in {@code [min, max]}; required. */
    public long integer(String key, long min, long max) {
        ConfigNode.Scalar s = scalar(key);
        long v;
        try {
            if (s.kind() != ConfigNode.Scalar.Kind.INTEGER) throw new NumberFormatException();
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            throw error(key, "expected an integer, got " + s.describe());
        }
        if (v < min || v > max) throw error(key, "must be in " + min + ".." + max + ", got " + v);
        return v;
    }

    public long integer(String key, long otherwise, long min, long max) {
        return has(key) ? integer(key, min, max) : otherwise;
    }

    /** A number in {@code [min, max]}. */
    public double decimal(String key, double otherwise, double min, double max) {
        if (!has(key)) return otherwise;
        ConfigNode.Scalar s = scalar(key);
        double v;
        try {
            if (s.kind() != ConfigNode.Scalar.Kind.INTEGER && s.kind() != ConfigNode.Scalar.Kind.DECIMAL) throw new NumberFormatException();
            v = Double.parseDouble(s.text());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, got " + s.describe());
        }
        if (!(v >= min && v <= max)) throw error(key, "must be in " + min + ".." + max + ", got " + s.text());
        return v;
    }

    public boolean bool(String key, boolean otherwise) {
        if (!has(key)) return otherwise;
        ConfigNode.Scalar s = scalar(key);
        if (s.kind() != ConfigNode.Scalar.Kind.BOOLEAN) throw error(key, "expected true or false, got " + s.describe());
        return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
    }

    /** A positive duration ({@link Durations}: 90s, 5m, 9h30m, 400d, PT5M; a bare number is seconds). */
    public Duration duration(String key, Duration otherwise) {
        if (!has(key)) return otherwise;
        try {
            return Durations.parse(string(key));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** As {@link #duration}, zero allowed. */
    public Duration durationOrZero(String key, Duration otherwise) {
        if (!has(key)) return otherwise;
        try {
            return Durations.parseNonNegative(string(key));
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A size in bytes: {@code 4096}, {@code 64k}, {@code 16MiB}, {@code 1g} (binary multiples). */
    public long size(String key, long otherwise) {
        if (!has(key)) return otherwise;
        String t = string(key).trim();
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) throw error(key, "expected a size such as 4096, 64k, 16MiB or 1g, got '" + t + "'");
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long v = Long.parseLong(m.group(1));
        if (v > Long.MAX_VALUE >> shift) throw error(key, "too large: " + t);
        return v << shift;
    }

    /** A path, relative to the file's directory; required. */
    public Path path(String key) {
        return resolve(string(key));
    }

    public Path path(String key, Path otherwise) {
        return has(key) ? path(key) : otherwise;
    }

    /** A list of paths (a single one reads as a list of one), each relative to the file's directory. */
    public List<Path> paths(String key) {
        return strings(key).stream().map(this::resolve).toList();
    }

    /** Whether {@code key} holds a list (as opposed to a single value or a mapping). */
    public boolean isList(String key) {
        return node.entries().get(key) instanceof ConfigNode.Sequence;
    }

    /** Whether {@code key} holds a number as YAML typed it (not quoted). */
    public boolean isNumber(String key) {
        return node.entries().get(key) instanceof ConfigNode.Scalar s
                && (s.kind() == ConfigNode.Scalar.Kind.INTEGER || s.kind() == ConfigNode.Scalar.Kind.DECIMAL);
    }

    /** A path as written in the file, relative to the file's directory. */
    public Path resolve(String p) {
        Path x = Path.of(p);
        return x.isAbsolute() || base == null ? x : base.resolve(x).normalize();
    }

    /** {@code HOST:PORT} ({@link HostPort}), or {@code HOST} alone with {@code defaultPort} (none when negative). */
    public HostPort hostPort(String key, int defaultPort) {
        try {
            return HostPort.parse(string(key), defaultPort);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** An enum constant by its lower-case name ({@code webhook}); the error lists the choices. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E otherwise) {
        if (!has(key)) {
            if (otherwise == null) throw error(key, "required; one of " + names(type));
            return otherwise;
        }
        String t = string(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t.replace('-', '_'))) return e;
        }
        throw error(key, "want one of " + names(type) + ", got '" + t + "'");
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> out = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) out.add(e.name().toLowerCase(Locale.ROOT));
        return String.join(", ", out);
    }
}
