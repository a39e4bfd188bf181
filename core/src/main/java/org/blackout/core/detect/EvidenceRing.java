package org.blackout.core.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.blackout.core.event.Evidence;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;

/** The last few route elements seen for one entity, kept as references until an event needs them. */
final class EvidenceRing {
    private final String[] collectors;
    private final RouteElement[] elements;
    private int next, size;

    EvidenceRing(int capacity) {
        collectors = new String[Math.max(1, capacity)];
        elements = new RouteElement[collectors.length];
    }

    void add(String collector, RouteElement e) {
        collectors[next] = collector;
        elements[next] = e;
        next = (next + 1) % elements.length;
        if (size < elements.length) size++;
    }

    /** Oldest first. */
    List<Evidence> snapshot() {
        List<Evidence> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int k = Math.floorMod(next - size + i, elements.length);
            out.add(of(collectors[k], elements[k]));
        }
        return out;
    }

    static Evidence of(String collector, RouteElement e) {
        String kind = switch (e.type()) {
            case ANNOUNCE -> e.attributes() != null && e.attributes().treatAsWithdraw() ? "W" : "A";
            case WITHDRAW -> "W";
            case RIB -> "R";
            case STATE -> "S";
        };
        String path = e.type() == ElementType.WITHDRAW || e.attributes() == null || e.attributes().asPath() == null
                ? "" : e.attributes().asPath().toString();
        long t = e.timeMicros();
        return new Evidence(Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L), Math.floorMod(t, 1_000_000L) * 1000L),
                collector, String.valueOf(e.peerAddress()), e.peerAs(), kind, e.prefix() == null ? "" : e.prefix().toString(), path);
    }
}
