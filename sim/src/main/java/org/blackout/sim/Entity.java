package org.blackout.sim;

import java.util.List;
import java.util.Locale;
import org.blackout.wire.net.Prefix;

/** What a scenario action applies to: a country's, an AS's, or listed prefixes. */
public sealed interface Entity {

    /** As written in truth.jsonl, e.g. {@code country:KP}, {@code as:131279}. */
    String label();

    /** Prefixes within the country's delegated space or originated by one of its ASes (RIR files). */
    record Country(String code) implements Entity {
        public Country {
            code = code.toUpperCase(Locale.ROOT);
        }

        public String label() {
            return "country:" + code;
        }
    }

    /** Prefixes originated by the AS. */
    record As(int asn) implements Entity {
        public String label() {
            return "as:" + Integer.toUnsignedString(asn);
        }
    }

    /** The listed prefixes and their more-specifics. */
    record Prefixes(List<Prefix> prefixes) implements Entity {
        public String label() {
            return "prefixes:" + String.join(",", prefixes.stream().map(Prefix::toString).toList());
        }
    }
}
