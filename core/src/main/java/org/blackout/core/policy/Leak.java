package org.blackout.core.policy;

/**
 * A route leak (RFC 7908) found in an AS path by {@link ValleyFree}: {@code leaker} received the
 * route from {@code learnedFrom} (a provider or peer) and passed it on to {@code leakedTo} (a
 * provider or peer), which is valley-free routing's only prohibition.
 *
 * @param index       the leaker's position in the path as given (0 = nearest the collector); with
 *                    prepends, the copy nearest the collector
 * @param leaker      the AS at the valley
 * @param leakedTo    the next AS towards the collector, its provider or peer
 * @param learnedFrom the previous AS towards the origin
 * @param kind        which RFC 7908 type, from the leaker's relationships with both neighbours
 */
public record Leak(int index, long leaker, long leakedTo, long learnedFrom, Kind kind) {

    /** RFC 7908 §3's leak types that an AS path shows (types 5 and 6 need more than the path). */
    public enum Kind {
        /** Type 1, hairpin turn: learned from a provider, leaked to another provider. */
        HAIRPIN,
        /** Type 2, lateral ISP-ISP-ISP: learned from a peer, leaked to another peer. */
        LATERAL,
        /** Type 3: learned from a provider, leaked to a peer. */
        PROVIDER_TO_PEER,
        /** Type 4: learned from a peer, leaked to a provider. */
        PEER_TO_PROVIDER,
        /**
         * The route went down (or across a peer link) and later up or across again, but the links
         * in between are of unknown relationship: a leak happened, and {@code leaker} is the AS that
         * made the known up/peer step; the true leaker may be an earlier AS on the unknown stretch.
         */
        ACROSS_UNKNOWN;

        /** The RFC 7908 type number, 0 for {@link #ACROSS_UNKNOWN}. */
        public int rfc7908Type() {
            return switch (this) {
                case HAIRPIN -> 1;
                case LATERAL -> 2;
                case PROVIDER_TO_PEER -> 3;
                case PEER_TO_PROVIDER -> 4;
                case ACROSS_UNKNOWN -> 0;
            };
        }
    }
}
