package org.blackout.core.rib;

/** Receives routes as (prefix id, path id) pairs, without boxing. */
@FunctionalInterface
public interface RouteVisitor {
    void visit(int prefixId, int pathId);
}
