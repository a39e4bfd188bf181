package org.blackout.wire.bgp;

/** What RFC 7606 says to do with a malformed UPDATE, from mildest to harshest. */
public enum Rfc7606Action {
    /** Nothing wrong. */
    NONE,
    /** Drop the offending attribute, keep the route (RFC 7606 section 2). */
    ATTRIBUTE_DISCARD,
    /** Handle every NLRI of the UPDATE as withdrawn (RFC 7606 section 2). */
    TREAT_AS_WITHDRAW,
    /** AFI/SAFI disable or session reset: the NLRI cannot be trusted at all (e.g. unparsable NLRI). */
    SESSION_RESET;

    public Rfc7606Action max(Rfc7606Action o) {
        return o.ordinal() > ordinal() ? o : this;
    }
}
