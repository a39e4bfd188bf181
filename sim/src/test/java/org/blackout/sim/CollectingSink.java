package org.blackout.sim;

import org.blackout.wire.bgp.FsmState;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.net.Prefix;

/** Keeps what a simulation emits, as text rows, for assertions without files. */
final class CollectingSink implements SimSink {
    record Change(long micros, int peer, char kind, Prefix prefix, String path) {}

    final List<Change> changes = new ArrayList<>();
    Baseline baseline;
    long endMicros;

    @Override
    public void begin(Scenario scenario, Baseline b) {
        baseline = b;
    }

    @Override
    public void announce(long micros, SimPeer peer, Prefix prefix, SimPath path) {
        changes.add(new Change(micros, peer.index(), 'A', prefix, path.toString()));
    }

    @Override
    public void withdraw(long micros, SimPeer peer, Prefix prefix) {
        changes.add(new Change(micros, peer.index(), 'W', prefix, null));
    }

    @Override
    public void state(long micros, SimPeer peer, FsmState oldState, FsmState newState) {
        changes.add(new Change(micros, peer.index(), 'S', null, oldState.code() + ">" + newState.code()));
    }

    @Override
    public void end(long micros) {
        endMicros = micros;
    }
}
