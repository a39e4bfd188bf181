package org.blackout.ingest.bmp;

import java.util.function.Consumer;
import org.blackout.wire.element.RouteElement;

/**
 * Where the BMP listener delivers route elements, on one thread, in the order each router sent
 * them. {@code collector} names the monitored router and table ({@link BmpRouter#collector}), so
 * {@code engine::accept} fits: each router's peers become the engine's peers.
 */
@FunctionalInterface
public interface BmpSink {
    void accept(String collector, RouteElement e);

    /** A sink that does not care which router an element came from. */
    static BmpSink of(Consumer<RouteElement> c) {
        return (collector, e) -> c.accept(e);
    }
}
