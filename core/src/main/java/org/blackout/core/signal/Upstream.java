package org.blackout.core.signal;

/** A neighbour AS on the way in, with the share (0..1) of peers' paths to the entity through it. */
public record Upstream(long asn, double share) {}
