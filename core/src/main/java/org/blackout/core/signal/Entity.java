package org.blackout.core.signal;

import org.blackout.wire.net.Prefix;

/** What a signal is about: a country, an AS or an address block. {@link #toString()} is its id. */
public sealed interface Entity extends Comparable<Entity> {

    record Country(String code) implements Entity {
        @Override public String toString() { return "country:" + code; }
    }

    record As(long asn) implements Entity {
        @Override public String toString() { return "as:" + asn; }
    }

    record Block(Prefix prefix) implements Entity {
        @Override public String toString() { return "prefix:" + prefix; }
    }

    /** Parses {@code country:KP}, {@code as:131279} (or {@code AS131279}), {@code prefix:175.45.176.0/22}. */
    static Entity parse(String text) {
        String t = text.trim();
        int c = t.indexOf(':');
        String kind = c < 0 ? "" : t.substring(0, c).toLowerCase();
        String v = c < 0 ? t : t.substring(c + 1);
        switch (kind) {
            case "country", "cc" -> {
                if (v.length() != 2 || !Character.isLetter(v.charAt(0)) || !Character.isLetter(v.charAt(1))) {
                    throw new IllegalArgumentException("not a two-letter country code: " + text);
                }
                return new Country(v.toUpperCase());
            }
            case "as", "asn" -> {
                return new As(parseAsn(v, text));
            }
            case "prefix" -> {
                return new Block(Prefix.parse(v));
            }
            default -> {
                if (t.regionMatches(true, 0, "AS", 0, 2)) return new As(parseAsn(t.substring(2), text));
                throw new IllegalArgumentException("unknown entity (want country:CC, as:N or prefix:P): " + text);
            }
        }
    }

    private static long parseAsn(String v, String text) {
        try {
            long a = Long.parseLong(v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v);
            if (a < 0 || a > 0xffffffffL) throw new NumberFormatException();
            return a;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an AS number: " + text);
        }
    }

    private int rank() {
        return switch (this) {
            case Country x -> 0;
            case As x -> 1;
            case Block x -> 2;
        };
    }

    @Override
    default int compareTo(Entity o) {
        int r = Integer.compare(rank(), o.rank());
        if (r != 0) return r;
        return switch (this) {
            case Country x -> x.code().compareTo(((Country) o).code());
            case As x -> Long.compare(x.asn(), ((As) o).asn());
            case Block x -> x.prefix().compareTo(((Block) o).prefix());
        };
    }
}
