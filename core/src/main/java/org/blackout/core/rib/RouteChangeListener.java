package org.blackout.core.rib;

/** Told of every change to any peer's table; path ids are {@link PeerRib#NONE} for "no route". */
@FunctionalInterface
public interface RouteChangeListener {
    void changed(int peer, int prefixId, int oldPathId, int newPathId);
}
