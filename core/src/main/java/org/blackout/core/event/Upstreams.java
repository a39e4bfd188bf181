package org.blackout.core.event;

import java.util.List;

/** Upstream AS numbers of the entity before the event and while it lasts (largest share first). */
public record Upstreams(List<Long> before, List<Long> during) {
    public static final Upstreams NONE = new Upstreams(List.of(), List.of());

    public Upstreams {
        before = List.copyOf(before);
        during = List.copyOf(during);
    }
}
