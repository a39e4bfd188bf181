package org.blackout.core.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import org.blackout.wire.net.IpAddress;

/**
 * Reads address-range CSV files as published by ip-location-db and similar, no header row:
 * {@code start,end,CC} (range → country) or {@code start,end,asn,org} (range → AS, and AS → name).
 * Addresses may be dotted/colon text or decimal integers (the "-num" variants).
 */
public final class RangeCsv {
    private RangeCsv() {}

    /** Returns the number of rows taken; malformed rows are skipped uncounted (see the overload). */
    public static int read(BufferedReader in, EntityMaps.Builder into) throws IOException {
        return read(in, into, new Skips());
    }

    /**
     * Returns the number of rows taken; malformed rows (too few fields, an address or AS number that
     * does not parse, ends of different families) are skipped and noted in {@code skips}. A first row
     * that is a header (its first field names a column) is not a malformed row.
     */
    public static int read(BufferedReader in, EntityMaps.Builder into, Skips skips) throws IOException {
        int n = 0;
        long lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.charAt(0) == '#') continue;
            String[] f = split(line);
            if (f.length < 3) {
                skips.add(lineNo, f.length + " fields, 3 or 4 expected", line);
                continue;
            }
            IpAddress s, e;
            try {
                boolean wide = isWideNumber(f[0]) || isWideNumber(f[1]);
                s = address(f[0], wide);
                e = address(f[1], wide);
            } catch (IllegalArgumentException ex) {
                if (lineNo == 1 && isHeader(f[0])) continue;
                skips.add(lineNo, "not an address range", line);
                continue;
            }
            if (s.v6() != e.v6()) {
                skips.add(lineNo, "range ends of different address families", line);
                continue;
            }
            long sk = AddressRanges.key(s.v6(), s.hi()), ek = AddressRanges.key(e.v6(), e.hi());
            if (f.length == 3) {
                into.country(s.v6(), sk, ek, f[2].trim());
                n++;
            } else {
                long asn;
                try {
                    asn = Long.parseLong(f[2].trim());
                } catch (NumberFormatException ex) {
                    skips.add(lineNo, "AS number '" + f[2].trim() + "' does not parse", line);
                    continue;
                }
                if (!s.v6()) into.asRange(sk, ek, asn);
                String org = f[3].trim();
                if (!org.isEmpty()) into.asName(asn, org);
                n++;
            }
        }
        return n;
    }

    /** A column name such as "start" or "ip_range_start", not an address. */
    private static boolean isHeader(String field) {
        String t = field.trim().replace("\"", "");
        return !t.isEmpty() && Character.isLetter(t.charAt(0)) && t.indexOf(':') < 0 && t.indexOf('.') < 0;
    }

    /** A decimal address too big for IPv4: the row is IPv6 (both ends, even ::1). */
    private static boolean isWideNumber(String t) {
        t = t.trim();
        return !t.isEmpty() && t.chars().allMatch(Character::isDigit) && new BigInteger(t).bitLength() > 32;
    }

    private static IpAddress address(String t, boolean wide) {
        t = t.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            BigInteger v = new BigInteger(t);
            if (!wide) return IpAddress.v4(v.intValue());
            return IpAddress.v6(v.shiftRight(64).longValue(), v.longValue());
        }
        return IpAddress.parse(t);
    }

    /** Splits on commas outside double quotes (org names may contain commas). */
    private static String[] split(String line) {
        if (line.indexOf('"') < 0) return line.split(",", 4);
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (q && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    q = !q;
                }
            } else if (c == ',' && !q && out.size() < 3) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
