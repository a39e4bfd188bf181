package org.blackout.sim;

import org.blackout.wire.bgp.FsmState;
import java.io.Closeable;
import java.io.IOException;
import org.blackout.wire.net.Prefix;

/**
 * Where a simulation goes: the start tables, then every per-peer change in time order. Changes
 * of one peer at one instant arrive together, so a sink may pack them into one message.
 */
public interface SimSink extends Closeable {

    /** The tables at the scenario's start (a RIB dump). */
    void begin(Scenario scenario, Baseline baseline) throws IOException;

    void announce(long micros, SimPeer peer, Prefix prefix, SimPath path) throws IOException;

    void withdraw(long micros, SimPeer peer, Prefix prefix) throws IOException;

    /** A BGP FSM state change of the collector session (1 Idle … 6 Established). */
    void state(long micros, SimPeer peer, FsmState oldState, FsmState newState) throws IOException;

    /** The scenario ends at {@code micros}; flush what is pending. */
    void end(long micros) throws IOException;

    @Override
    default void close() throws IOException {}
}
