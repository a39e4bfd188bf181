package org.blackout.core.detect;

import java.time.Instant;
import org.blackout.core.engine.RoutingView;

/** The bin being closed, as the detectors see it. */
record Bin(long startMicros, long endMicros, RoutingView view) {
    Instant start() {
        return instant(startMicros);
    }

    Instant end() {
        return instant(endMicros);
    }

    double hours() {
        return (endMicros - startMicros) / 3.6e9;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
