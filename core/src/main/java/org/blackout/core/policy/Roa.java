package org.blackout.core.policy;

import java.util.Objects;
import org.blackout.wire.net.Prefix;

/**
 * One Validated ROA Payload (VRP, RFC 6811 §2): {@code asn} may originate {@code prefix} and its
 * more-specifics down to {@code maxLength}. A VRP for AS0 (RFC 7607) says nobody may.
 *
 * @param trustAnchor the RIR or TA that signed it ({@code "ripe"}, {@code "apnic"}, ...), "" when the file has none
 */
public record Roa(Prefix prefix, int maxLength, long asn, String trustAnchor) {

    public Roa {
        Objects.requireNonNull(prefix, "prefix");
        int max = prefix.v6() ? 128 : 32;
        if (maxLength < prefix.length() || maxLength > max) {
            throw new IllegalArgumentException("maxLength " + maxLength + " outside " + prefix.length() + ".." + max + " for " + prefix);
        }
        Asns.check(asn, asn);
        trustAnchor = trustAnchor == null ? "" : trustAnchor;
    }

    public Roa(Prefix prefix, int maxLength, long asn) {
        this(prefix, maxLength, asn, "");
    }

    /** RFC 6811's "matched": covers the route's prefix, same origin, length within maxLength; AS0 matches nothing. */
    public boolean matches(Prefix route, long originAsn) {
        return asn != 0 && asn == originAsn && prefix.covers(route) && route.length() <= maxLength;
    }
}
