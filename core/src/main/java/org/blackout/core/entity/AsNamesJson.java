package org.blackout.core.entity;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads pyasn's {@code asnames.json}: one flat JSON object, AS number (as a string) → name.
 * A small hand-written scanner, since core carries no JSON library; it accepts exactly that shape.
 */
public final class AsNamesJson {
    private AsNamesJson() {}

    /** Returns the number of names taken; entries whose key is not an AS number are skipped uncounted. */
    public static int read(Reader in, EntityMaps.Builder into) throws IOException {
        return read(in, into, new Skips());
    }

    /**
     * Returns the number of names taken; entries whose key is not an AS number are skipped and noted
     * in {@code skips} (with the line they start on). A null name is not an error.
     */
    public static int read(Reader in, EntityMaps.Builder into, Skips skips) throws IOException {
        Scanner s = new Scanner(in);
        s.skipTo('{');
        int n = 0;
        while (true) {
            int c = s.nextNonSpace();
            if (c == '}' || c < 0) return n;
            if (c == ',') continue;
            if (c != '"') throw new IOException("asnames: expected a key at line " + s.line + ", character " + s.pos);
            long keyLine = s.line;
            String key = s.string();
            s.skipTo(':');
            int v = s.nextNonSpace();
            String value;
            if (v == '"') value = s.string();
            else if (v == 'n') { s.skipWord(); value = null; }
            else throw new IOException("asnames: expected a string value at line " + s.line + ", character " + s.pos);
            try {
                long asn = Long.parseLong(key.startsWith("AS") ? key.substring(2) : key);
                if (value != null) {
                    into.asName(asn, value);
                    n++;
                }
            } catch (NumberFormatException e) {
                skips.add(keyLine, "key is not an AS number", "\"" + key + "\": " + (value == null ? "null" : "\"" + value + "\""));
            }
        }
    }

    private static final class Scanner {
        private final Reader in;
        private final char[] buf = new char[1 << 16];
        private int len, at;
        long pos;
        long line = 1;

        Scanner(Reader in) {
            this.in = in;
        }

        int read() throws IOException {
            if (at == len) {
                len = in.read(buf);
                at = 0;
                if (len <= 0) { len = 0; return -1; }
            }
            pos++;
            char c = buf[at++];
            if (c == '\n') line++;
            return c;
        }

        int nextNonSpace() throws IOException {
            int c;
            do c = read(); while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c;
        }

        void skipTo(char want) throws IOException {
            int c;
            do c = read(); while (c >= 0 && c != want);
            if (c < 0) throw new IOException("asnames: unexpected end, wanted '" + want + "'");
        }

        void skipWord() throws IOException {
            read(); read(); read(); // "ull"
        }

        String string() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = read()) != '"'; ) {
                if (c < 0) throw new IOException("asnames: unterminated string");
                if (c == '\\') {
                    int e = read();
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            char[] h = new char[4];
                            for (int i = 0; i < 4; i++) h[i] = (char) read();
                            sb.append((char) Integer.parseInt(new String(h), 16));
                        }
                        default -> sb.append((char) e);
                    }
                } else {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }
    }
}
