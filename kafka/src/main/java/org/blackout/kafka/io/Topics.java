package org.blackout.kafka.io;

/** The default topic names. */
public final class Topics {
    /** Route elements in Blackout's record format. */
    public static final String ELEMENTS = "blackout.elements";
    public static final String SIGNALS = "blackout.signals";
    public static final String EVENTS = "blackout.events";

    private Topics() {}
}
