package org.blackout.wire.element;

import java.util.function.Consumer;

/**
 * Where a source delivers route elements: each with the name of the collector it was seen at (an
 * MRT file's collector, a BGP collector's peer, a BMP router and table). Sources call it on one
 * thread at a time, in the order they produced the elements; the engine is one.
 */
@FunctionalInterface
public interface ElementSink {
    void accept(String collector, RouteElement e);

    /** A sink that does not care where an element came from. */
    static ElementSink of(Consumer<RouteElement> c) {
        return (collector, e) -> c.accept(e);
    }
}
