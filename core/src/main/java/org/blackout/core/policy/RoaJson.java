package org.blackout.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * The JSON VRP formats: rpki-client ({@code {"metadata":{...},"roas":[{"asn":13335,"prefix":"1.0.0.0/24",
 * "maxLength":24,"ta":"apnic","expires":...}]}}) and Routinator {@code json} / {@code jsonext}
 * ({@code "asn":"AS13335"}, and in jsonext a {@code source} array). Read as a token stream: a
 * 500,000-VRP file never becomes a tree, and every error has the token's line and column. Unknown
 * fields (metadata, expires, source, aspas, bgpsec_keys...) are skipped, so newer versions still load.
 */
final class RoaJson {
    private static final JsonFactory JSON = new JsonFactory();

    private RoaJson() {}

    static List<Roa> read(InputStream in, String source) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            return new RoaJson.Reader(p, source).read();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PolicyFormatException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private record Reader(JsonParser p, String source) {

        List<Roa> read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error("expected a JSON object with a \"roas\" array");
            List<Roa> out = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("roas")) {
                    if (t != JsonToken.START_ARRAY) throw error("\"roas\" must be an array");
                    out = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) out.add(roa(out.size()));
                } else {
                    p.skipChildren();
                }
            }
            if (out == null) throw error("no \"roas\" array: not an rpki-client or Routinator VRP file");
            return out;
        }

        private Roa roa(int n) throws IOException {
            String where = "roas[" + n + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) throw error(where + ": expected an object");
            JsonLocation start = p.currentTokenLocation();
            Prefix prefix = null;
            int maxLength = -1;
            long asn = -1;
            String ta = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "prefix" -> prefix = prefix(where + ".prefix", t);
                    case "maxLength", "maxlen", "max_length" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT) throw error(where + "." + field + ": expected an integer, got " + p.getText());
                        maxLength = p.getIntValue();
                    }
                    case "asn" -> asn = asn(where + ".asn", t);
                    case "ta" -> {
                        if (t != JsonToken.VALUE_STRING) throw error(where + ".ta: expected a string");
                        ta = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            if (prefix == null) throw error(start, where + ": no \"prefix\"");
            if (maxLength < 0) throw error(start, where + ": no \"maxLength\"");
            if (asn < 0) throw error(start, where + ": no \"asn\"");
            try {
                return new Roa(prefix, maxLength, asn, ta);
            } catch (IllegalArgumentException e) {
                throw error(start, where + ": " + e.getMessage());
            }
        }

        private Prefix prefix(String where, JsonToken t) throws IOException {
            if (t != JsonToken.VALUE_STRING) throw error(where + ": expected a string like \"192.0.2.0/24\"");
            try {
                return Prefixes.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw error(where + ": " + e.getMessage());
            }
        }

        private long asn(String where, JsonToken t) throws IOException {
            try {
                return switch (t) {
                    case VALUE_NUMBER_INT -> Asns.check(p.getLongValue(), p.getText());
                    case VALUE_STRING -> Asns.parse(p.getText());
                    default -> throw error(where + ": expected a number or \"AS<n>\", got " + p.getText());
                };
            } catch (IllegalArgumentException e) {
                throw error(where + ": " + e.getMessage());
            }
        }

        private PolicyFormatException error(String message) {
            return error(p.currentTokenLocation(), message);
        }

        private PolicyFormatException error(JsonLocation at, String message) {
            return new PolicyFormatException(source, at.getLineNr(), at.getColumnNr(), message);
        }
    }
}
