package org.blackout.core.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV VRP format of Routinator and rpki-client: a header line, then
 * {@code AS13335,1.0.0.0/24,24,apnic}. Columns are found by their header name ({@code ASN},
 * {@code IP Prefix}, {@code Max Length}, optional {@code Trust Anchor}), so variants that add or
 * reorder columns (Routinator's {@code csvext}, rpki-client's {@code Expires}) read too. Blank
 * lines and lines starting with {@code #} are skipped. Values hold no commas, so no quoting rules.
 */
final class RoaCsv {
    private RoaCsv() {}

    static List<Roa> read(InputStream in, String source) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        List<Roa> out = new ArrayList<>();
        int asnCol = -1, prefixCol = -1, maxCol = -1, taCol = -1, columns = 0;
        long lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(",", -1);
            if (columns == 0) {
                for (int i = 0; i < f.length; i++) {
                    switch (f[i].strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "")) {
                        case "asn" -> asnCol = i;
                        case "ipprefix", "prefix" -> prefixCol = i;
                        case "maxlength", "maxlen" -> maxCol = i;
                        case "trustanchor", "ta" -> taCol = i;
                        default -> { } // URI, Not Before, Expires...: not part of a VRP
                    }
                }
                if (asnCol < 0 || prefixCol < 0 || maxCol < 0) {
                    throw new PolicyFormatException(source, lineNo, 0,
                            "expected a header line naming ASN, IP Prefix and Max Length columns, got: " + line);
                }
                columns = f.length;
                continue;
            }
            if (f.length != columns) {
                throw new PolicyFormatException(source, lineNo, 0, "expected " + columns + " comma-separated fields as in the header, got " + f.length + ": " + line);
            }
            try {
                String max = f[maxCol].strip();
                int maxLength;
                try {
                    maxLength = Integer.parseInt(max);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Max Length is not a number: '" + max + "'");
                }
                out.add(new Roa(Prefixes.parse(f[prefixCol]), maxLength, Asns.parse(f[asnCol]), taCol < 0 ? "" : f[taCol].strip()));
            } catch (IllegalArgumentException e) {
                throw new PolicyFormatException(source, lineNo, 0, e.getMessage());
            }
        }
        if (columns == 0) throw new PolicyFormatException(source, lineNo, 0, "empty: no CSV header line and no JSON object");
        return out;
    }
}
