package org.blackout.kafka.record;

import org.blackout.wire.element.RouteElement;

/**
 * One route element as published: the collector it was seen at, the publisher's sequence number
 * (its order among everything it published) and the element.
 */
public record ElementRecord(long seq, String collector, RouteElement element) {}
