package org.blackout.wire.mrt;

/** One decoded MRT record. */
public sealed interface MrtRecord permits TableDump, PeerIndexTable, RibEntries, Bgp4mpMessage, Bgp4mpStateChange,
        UnknownRecord {
    MrtHeader header();
}
