package org.blackout.core.policy;

/**
 * The business relationship of one AS to another, as {@link AsRelationships#relation(long, long)}
 * reports it: {@code relation(a, b) == PROVIDER_OF} reads "a is b's provider".
 */
public enum Relation {
    /** a sells transit to b: b's routes go to everyone, everyone's routes go to b. */
    PROVIDER_OF,
    /** a buys transit from b. */
    CUSTOMER_OF,
    /** a and b exchange their customers' routes only (settlement-free peering). */
    PEER,
    /** No information about the pair; never evidence of anything. */
    UNKNOWN;

    /** The same link seen from the other end: {@code relation(b, a) == relation(a, b).inverse()}. */
    public Relation inverse() {
        return switch (this) {
            case PROVIDER_OF -> CUSTOMER_OF;
            case CUSTOMER_OF -> PROVIDER_OF;
            case PEER, UNKNOWN -> this;
        };
    }
}
