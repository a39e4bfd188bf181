package org.blackout.wire.bgp;

import java.util.Arrays;
import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * A list of prefixes from a withdrawn-routes field, the NLRI field or an MP_(UN)REACH attribute,
 * with their ADD-PATH path identifiers (RFC 7911) when the session negotiated them.
 */
public final class Nlri {
    public static final Nlri EMPTY = new Nlri(new Prefix[0], null);

    private final Prefix[] prefixes;
    private final long[] pathIds; // null when the encoding carries no path identifiers

    /** Takes ownership of the arrays; {@code pathIds} is null without ADD-PATH, else the same length. */
    public Nlri(Prefix[] prefixes, long[] pathIds) {
        if (pathIds != null && pathIds.length != prefixes.length) {
            throw new IllegalArgumentException("pathIds length " + pathIds.length + " != " + prefixes.length);
        }
        this.prefixes = prefixes;
        this.pathIds = pathIds;
    }

    public static Nlri of(Prefix... prefixes) {
        return prefixes.length == 0 ? EMPTY : new Nlri(prefixes.clone(), null);
    }

    public int size() {
        return prefixes.length;
    }

    public boolean isEmpty() {
        return prefixes.length == 0;
    }

    public Prefix prefix(int i) {
        return prefixes[i];
    }

    /** The path identifier of entry {@code i}; 0 without ADD-PATH. */
    public long pathId(int i) {
        return pathIds == null ? 0 : pathIds[i];
    }

    /** True when the wire encoding carried ADD-PATH path identifiers. */
    public boolean addPath() {
        return pathIds != null;
    }

    public List<Prefix> prefixes() {
        return Arrays.asList(prefixes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nlri n && Arrays.equals(n.prefixes, prefixes) && Arrays.equals(n.pathIds, pathIds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefixes) * 31 + Arrays.hashCode(pathIds);
    }

    @Override
    public String toString() {
        if (pathIds == null) return Arrays.toString(prefixes);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < prefixes.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(prefixes[i]).append(" id ").append(pathIds[i]);
        }
        return sb.append(']').toString();
    }
}
