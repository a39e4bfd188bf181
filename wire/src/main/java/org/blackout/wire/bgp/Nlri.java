package org.blackout.wire.bgp;

import java.util.Arrays;
import java.util.List;
import org.blackout.wire.net.Prefix;

/**
 * A list of prefixes from a withdrawn-routes field, the NLRI field or an MP_(UN)REACH attribute,
 * with their ADD-PATH path identifiers (RFC 7911) when the session negotiated them.
 */
public final class Nlri {
    private static final byte[] NONE = new byte[0]; // before EMPTY, which uses it

    public static final Nlri EMPTY = new Nlri(new Prefix[0], null);

    private final Prefix[] prefixes;
    private final long[] pathIds; // null when the encoding carries no path identifiers
    private final long[] wireBits; // hi, lo per prefix as sent (with stray host bits); null when none had any
    private final byte[] unparsed; // bytes after the last prefix that could be decoded

    /** Takes ownership of the arrays; {@code pathIds} is null without ADD-PATH, else the same length. */
    public Nlri(Prefix[] prefixes, long[] pathIds) {
        this(prefixes, pathIds, null, NONE);
    }

    /**
     * @param wireBits the address bits as sent, two longs (hi, lo) per prefix, for prefixes whose
     *                 host bits beyond the length were not zero on the wire; null when none were
     * @param unparsed the rest of the field from the first prefix that could not be decoded (a
     *                 damaged field), kept so the field re-encodes unchanged; empty normally
     */
    public Nlri(Prefix[] prefixes, long[] pathIds, long[] wireBits, byte[] unparsed) {
        if (pathIds != null && pathIds.length != prefixes.length) {
            throw new IllegalArgumentException("pathIds length " + pathIds.length + " != " + prefixes.length);
        }
        if (wireBits != null && wireBits.length != 2 * prefixes.length) {
            throw new IllegalArgumentException("wireBits length " + wireBits.length + " != 2 * " + prefixes.length);
        }
        this.prefixes = prefixes;
        this.pathIds = pathIds;
        this.wireBits = wireBits;
        this.unparsed = unparsed;
    }

    /** The upper 64 address bits of entry {@code i} as sent on the wire, host bits included. */
    public long wireHi(int i) {
        return wireBits != null ? wireBits[2 * i] : prefixes[i].hi();
    }

    /** The lower 64 address bits of entry {@code i} as sent on the wire, host bits included. */
    public long wireLo(int i) {
        return wireBits != null ? wireBits[2 * i + 1] : prefixes[i].lo();
    }

    /** Whether some prefix had host bits set beyond its length on the wire. */
    public boolean hasStrayBits() {
        return wireBits != null;
    }

    /** Trailing bytes that could not be decoded as prefixes (a damaged field); empty normally. */
    public byte[] unparsed() {
        return unparsed;
    }

    /** The same prefixes without the undecodable rest (a field cut short: the rest is lost, not damaged). */
    public Nlri withoutUnparsed() {
        return unparsed.length == 0 ? this : new Nlri(prefixes, pathIds, wireBits, NONE);
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
        return o instanceof Nlri n && Arrays.equals(n.prefixes, prefixes) && Arrays.equals(n.pathIds, pathIds)
                && Arrays.equals(n.wireBits, wireBits) && Arrays.equals(n.unparsed, unparsed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefixes) * 31 + Arrays.hashCode(pathIds);
    }

    @Override
    public String toString() {
        if (pathIds == null && unparsed.length == 0) return Arrays.toString(prefixes);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < prefixes.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(prefixes[i]);
            if (pathIds != null) sb.append(" id ").append(pathIds[i]);
        }
        if (unparsed.length > 0) sb.append(" + ").append(unparsed.length).append(" unparsed bytes");
        return sb.append(']').toString();
    }
}
