package org.blackout.wire.bgp;

/**
 * One BGP path attribute as it appeared on the wire. {@link #flags()} keeps the attribute flags
 * octet exactly (optional, transitive, partial, extended length) so the attribute re-encodes to the
 * same bytes; attributes Blackout does not model are kept whole as {@link UnknownAttribute}.
 */
public sealed interface PathAttribute permits Origin, AsPathAttr, As4PathAttr, NextHop, MultiExitDisc, LocalPref,
        AtomicAggregate, Aggregator, As4Aggregator, Communities, ExtendedCommunities, LargeCommunities,
        OriginatorId, ClusterList, MpReachNlri, MpUnreachNlri, UnknownAttribute, MalformedAttribute {

    int OPTIONAL = 0x80;
    int TRANSITIVE = 0x40;
    int PARTIAL = 0x20;
    int EXTENDED_LENGTH = 0x10;

    // type codes (IANA "BGP Path Attributes")
    int ORIGIN = 1, AS_PATH = 2, NEXT_HOP = 3, MULTI_EXIT_DISC = 4, LOCAL_PREF = 5, ATOMIC_AGGREGATE = 6,
            AGGREGATOR = 7, COMMUNITIES = 8, ORIGINATOR_ID = 9, CLUSTER_LIST = 10, MP_REACH_NLRI = 14,
            MP_UNREACH_NLRI = 15, EXTENDED_COMMUNITIES = 16, AS4_PATH = 17, AS4_AGGREGATOR = 18,
            LARGE_COMMUNITIES = 32;

    /** The attribute flags octet as read. */
    int flags();

    /** The attribute type code. */
    int typeCode();
}
