package org.blackout.core.event;

import java.time.Instant;

/**
 * One route element behind an event, as a collector recorded it.
 *
 * @param kind   {@code A} announce, {@code W} withdraw, {@code S} peer state change
 * @param asPath the AS path as text, empty for withdrawals
 */
public record Evidence(Instant time, String collector, String peer, long peerAs, String kind, String prefix, String asPath) {}
