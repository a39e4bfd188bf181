package org.blackout.wire.element;

/** What a route element says: announced, withdrawn, present in a RIB dump, or a peer's FSM state change. */
public enum ElementType { ANNOUNCE, WITHDRAW, RIB, STATE }
