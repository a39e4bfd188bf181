package org.blackout.core.policy;

/**
 * A route's origin validation state (RFC 6811 §2), with the two ways to be invalid told apart, as
 * routers and RPKI tools report them.
 */
public enum RovState {
    /** Some covering VRP has the route's origin AS and a maxLength at least the route's length. */
    VALID("valid"),
    /** Covered by VRPs, none of them for the route's origin AS: a likely hijack (or a missing ROA). */
    INVALID_ASN("invalid-asn"),
    /** A covering VRP has the origin AS but a shorter maxLength: a more-specific its owner did not authorise. */
    INVALID_LENGTH("invalid-length"),
    /** No VRP covers the prefix. */
    NOT_FOUND("not-found");

    private final String json;

    RovState(String json) {
        this.json = json;
    }

    /** The name used in events and the API, as RIPE's and Routinator's validity APIs spell it. */
    public String json() {
        return json;
    }

    public boolean invalid() {
        return this == INVALID_ASN || this == INVALID_LENGTH;
    }

    /** The state named by {@link #json()}. */
    public static RovState ofJson(String name) {
        for (RovState s : values()) if (s.json.equals(name)) return s;
        throw new IllegalArgumentException("no RPKI validation state '" + name + "'");
    }
}
