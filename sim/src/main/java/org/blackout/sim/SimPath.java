package org.blackout.sim;

import java.util.Arrays;

/**
 * The attributes of one simulated route that differ between routes: the AS path (peer AS first,
 * origin last) and the ORIGIN attribute. Next hops are per peer and added when written.
 * Value semantics so paths can be interned in a {@link PathPool}.
 */
public final class SimPath {
    private final int[] asns;
    private final int origin;
    private final int hash;

    public SimPath(int[] asns, int origin) {
        if (asns.length == 0) throw new IllegalArgumentException("empty AS path");
        this.asns = asns;
        this.origin = origin;
        this.hash = Arrays.hashCode(asns) * 31 + origin;
    }

    /** The AS numbers, peer first; callers must not modify the array. */
    public int[] asns() {
        return asns;
    }

    /** ORIGIN attribute value: 0 IGP, 1 EGP, 2 INCOMPLETE. */
    public int origin() {
        return origin;
    }

    /** The originating AS: the last AS of the path. */
    public int originAs() {
        return asns[asns.length - 1];
    }

    public boolean contains(int asn) {
        for (int a : asns) if (a == asn) return true;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimPath p && p.hash == hash && p.origin == origin && Arrays.equals(p.asns, asns);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int a : asns) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(Integer.toUnsignedString(a));
        }
        return sb.toString();
    }
}
