package org.blackout.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.blackout.wire.net.Prefix;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * BGPalerter's {@code prefixes.yml}:
 * <pre>
 * 165.254.255.0/24:
 *   description: our anycast block
 *   asn: 15562              # or a list: [15562, 4]
 *   ignoreMorespecifics: false
 *   ignore: false
 *   group: noc              # or a list; "default" when absent
 *   path: ...               # BGPalerter's path monitor: accepted, not used
 * options:
 *   monitorASns:
 *     '15562':
 *       group: noc
 * </pre>
 * Read as a token stream so every error carries the file's line and column. Within an entry only
 * the fields BGPalerter documents are accepted ({@code excludeMonitors}, {@code includeMonitors}
 * and {@code path} skipped): a misspelt {@code ignoreMoreSpecifics} silently ignored would watch
 * the wrong space. Other {@code options} ({@code generate}, written by {@code bgpalerter generate})
 * are skipped.
 */
final class PrefixesYml {
    /** snakeyaml's default 3 MB limit is below a large network's generated file. */
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();
    static final String DEFAULT_GROUP = "default";

    record Parsed(List<MonitoredPrefix> prefixes, List<MonitoredAsn> asns) {}

    private PrefixesYml() {}

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(256 * 1024 * 1024);
        return o;
    }

    static Parsed read(InputStream in, String source) throws IOException {
        try (JsonParser p = YAML.createParser(in)) {
            return new Reader(p, source).read();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PolicyFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "malformed YAML: " + e.getOriginalMessage(), e);
        }
    }

    private record Reader(JsonParser p, String source) {

        Parsed read() throws IOException {
            List<MonitoredPrefix> prefixes = new ArrayList<>();
            List<MonitoredAsn> asns = new ArrayList<>();
            JsonToken first = p.nextToken();
            if (first == null) return new Parsed(prefixes, asns); // an empty file lists nothing
            if (first != JsonToken.START_OBJECT) throw error("expected a map of prefixes to their settings");
            Set<Prefix> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                if (key.equals("options")) {
                    options(asns);
                    continue;
                }
                Prefix prefix;
                try {
                    prefix = Prefixes.parse(key);
                } catch (IllegalArgumentException e) {
                    throw error(at, "'" + key + "' is neither a prefix nor 'options': " + e.getMessage());
                }
                if (!seen.add(prefix)) throw error(at, "prefix " + prefix + " listed twice");
                prefixes.add(entry(prefix, at));
            }
            return new Parsed(prefixes, asns);
        }

        private MonitoredPrefix entry(Prefix prefix, JsonLocation at) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw error(prefix + ": expected a map with at least 'asn'");
            String description = "";
            List<Long> origins = null;
            boolean ignoreMorespecifics = false, ignore = false;
            List<String> groups = List.of(DEFAULT_GROUP);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                String where = prefix + "." + field;
                switch (field) {
                    case "description" -> description = isNull() ? "" : scalar(where);
                    case "asn" -> origins = asns(where);
                    case "ignoreMorespecifics" -> ignoreMorespecifics = bool(where);
                    case "ignore" -> ignore = bool(where);
                    case "group" -> groups = groups(where);
                    case "path", "excludeMonitors", "includeMonitors" -> p.skipChildren();
                    default -> throw error(prefix + ": unknown field '" + field + "' (expected description, asn, "
                            + "ignoreMorespecifics, ignore, group, path, excludeMonitors or includeMonitors)");
                }
            }
            if (origins == null) throw error(at, prefix + ": no 'asn' (who may originate it)");
            return new MonitoredPrefix(prefix, description, origins, ignoreMorespecifics, ignore, groups);
        }

        private void options(List<MonitoredAsn> out) throws IOException {
            if (isNull()) return;
            if (p.currentToken() != JsonToken.START_OBJECT) throw error("options: expected a map");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!field.equals("monitorASns")) {
                    p.skipChildren();
                    continue;
                }
                if (isNull()) continue;
                if (t != JsonToken.START_OBJECT) throw error("options.monitorASns: expected a map of AS numbers");
                Set<Long> seen = new HashSet<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation at = p.currentTokenLocation();
                    long asn;
                    try {
                        asn = Asns.parse(key);
                    } catch (IllegalArgumentException e) {
                        throw error(at, "options.monitorASns: " + e.getMessage());
                    }
                    if (!seen.add(asn)) throw error(at, "options.monitorASns: AS" + asn + " listed twice");
                    List<String> groups = List.of(DEFAULT_GROUP);
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("group")) groups = groups("options.monitorASns." + key + ".group");
                            else p.skipChildren(); // upstreams, downstreams...: not used here
                        }
                    } else if (!isNull()) {
                        throw error("options.monitorASns." + key + ": expected a map like {group: default}");
                    }
                    out.add(new MonitoredAsn(asn, groups));
                }
            }
        }

        private List<Long> asns(String where) throws IOException {
            List<Long> out = new ArrayList<>();
            if (p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) out.add(asn(where));
                if (out.isEmpty()) throw error(where + ": empty list");
            } else {
                out.add(asn(where));
            }
            return out;
        }

        private long asn(String where) throws IOException {
            try {
                return switch (p.currentToken()) {
                    case VALUE_NUMBER_INT -> Asns.check(p.getLongValue(), p.getText());
                    case VALUE_STRING -> Asns.parse(p.getText());
                    default -> throw error(where + ": expected an AS number, got " + p.getText());
                };
            } catch (IllegalArgumentException e) {
                throw error(where + ": " + e.getMessage());
            }
        }

        private List<String> groups(String where) throws IOException {
            if (isNull()) return List.of(DEFAULT_GROUP);
            if (p.currentToken() != JsonToken.START_ARRAY) return List.of(scalar(where));
            List<String> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) out.add(scalar(where));
            return out.isEmpty() ? List.of(DEFAULT_GROUP) : out;
        }

        /** A key with nothing after it: YAML's null, which some parser settings report as an empty string. */
        private boolean isNull() throws IOException {
            JsonToken t = p.currentToken();
            return t == JsonToken.VALUE_NULL || (t == JsonToken.VALUE_STRING && p.getText().isEmpty());
        }

        private boolean bool(String where) throws IOException {
            if (isNull()) return false;
            return switch (p.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> throw error(where + ": expected true or false, got " + p.getText());
            };
        }

        private String scalar(String where) throws IOException {
            if (!p.currentToken().isScalarValue()) throw error(where + ": expected text");
            return p.getText();
        }

        private PolicyFormatException error(String message) {
            return error(p.currentTokenLocation(), message);
        }

        private PolicyFormatException error(JsonLocation at, String message) {
            return new PolicyFormatException(source, at.getLineNr(), at.getColumnNr(), message);
        }
    }
}
