package org.blackout.core.detect;

import org.blackout.wire.net.Prefix;

/**
 * Who may originate what, from sources outside the routing data: the operator's prefix list
 * (BGPalerter's {@code prefixes.yml}) and RPKI validated ROA payloads. The detectors add what
 * the data itself shows (origins seen stably), which ranks below both.
 */
public interface OriginPolicy {
    /** No list, no ROAs. */
    OriginPolicy NONE = new OriginPolicy() {};

    /** ASes the operator's list or a covering ROA allow to originate {@code p}; empty when none. */
    default long[] allowed(Prefix p) {
        return new long[0];
    }

    /**
     * Whether the operator's list or a ROA speaks for {@code p} at all (even to allow nobody at its
     * length): then the data's own history is not the only reference.
     */
    default boolean authoritative(Prefix p) {
        if (listed().isEmpty()) return false;
        for (int len = p.length(); len >= 0; len--) {
            if (listed().containsKey(len == p.length() ? p : new Prefix(p.v6(), p.hi(), p.lo(), len))) return true;
        }
        return false;
    }

    /** Prefixes of the operator's list, each with its expected origins: watched as blocks for hijacks. */
    default java.util.Map<Prefix, long[]> listed() {
        return java.util.Map.of();
    }

    /** The operator asked not to be told about {@code p} (ignore, or a more-specific under ignoreMorespecifics). */
    default boolean ignored(Prefix p) {
        return false;
    }

    /** RFC 6811 route origin validation: valid, invalid-asn, invalid-length, not-found; null without ROAs. */
    default String rov(Prefix p, long origin) {
        return null;
    }

    /**
     * The relationship-based checks, when AS relationships are loaded: a valley in {@code path}
     * (index 0 nearest the collector, prepending collapsed), or null. Also answers whether two ASes
     * have any known relationship (for ranking MOAS).
     */
    default Valley valley(long[] path) {
        return null;
    }

    default boolean related(long a, long b) {
        return true;
    }

    default boolean hasRelationships() {
        return false;
    }

    /**
     * A valley-free violation (RFC 7908): {@code leaker} got the route from {@code learnedFrom}
     * (its provider or peer) and passed it to {@code leakedTo} (its provider or peer).
     */
    record Valley(long leaker, long leakedTo, long learnedFrom) {}
}
