package org.blackout.wire.bgp;


/** ATOMIC_AGGREGATE (type 6), no value. */
public record AtomicAggregate(int flags) implements PathAttribute {
    @Override
    public int typeCode() {
        return ATOMIC_AGGREGATE;
    }
}
