package org.blackout.wire.bgp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An AS path: segments in wire order. Value semantics (equals/hashCode by content) so paths can be
 * interned. {@link #toString()} is bgpdump's text: sequences space-separated, {@code {a,b}} for
 * AS_SET, {@code (a b)} for AS_CONFED_SEQUENCE, {@code [a,b]} for AS_CONFED_SET.
 */
public final class AsPath {

    /** Segment types; {@link #code()} is the RFC 4271 / RFC 5065 wire value. */
    public enum SegmentType {
        AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

        private final int code;

        SegmentType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The type for a wire value, or null when unknown. */
        public static SegmentType of(int code) {
            return switch (code) {
                case 1 -> AS_SET;
                case 2 -> AS_SEQUENCE;
                case 3 -> AS_CONFED_SEQUENCE;
                case 4 -> AS_CONFED_SET;
                default -> null;
            };
        }

        boolean isSet() {
            return this == AS_SET || this == AS_CONFED_SET;
        }
    }

    /** One segment; ASNs are unsigned 32-bit values held in longs. */
    public record Segment(SegmentType type, long[] asns) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Segment s && s.type == type && Arrays.equals(s.asns, asns);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(asns);
        }

        @Override
        public String toString() {
            return type + Arrays.toString(asns);
        }
    }

    public static final AsPath EMPTY = new AsPath(List.of());

    private final List<Segment> segments;
    private int hash;

    public AsPath(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public static AsPath ofSequence(long... asns) {
        return asns.length == 0 ? EMPTY : new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, asns)));
    }

    public List<Segment> segments() {
        return segments;
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Origin AS(es): last ASN of a final AS_SEQUENCE, or every member of a final AS_SET; empty if no path. */
    public long[] origins() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.asns.length == 0) continue;
            return switch (s.type) {
                case AS_SEQUENCE -> new long[] {s.asns[s.asns.length - 1]};
                case AS_SET -> s.asns.clone();
                // a confederation segment last means the path never left the confederation
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> new long[0];
            };
        }
        return new long[0];
    }

    /** The ASNs of AS_SEQUENCE segments in path order (sets and confed segments skipped), prepends kept. */
    public long[] sequence() {
        int n = 0;
        for (Segment s : segments) if (s.type == SegmentType.AS_SEQUENCE) n += s.asns.length;
        long[] out = new long[n];
        int k = 0;
        for (Segment s : segments) {
            if (s.type != SegmentType.AS_SEQUENCE) continue;
            System.arraycopy(s.asns, 0, out, k, s.asns.length);
            k += s.asns.length;
        }
        return out;
    }

    /** Number of ASNs over all segments. */
    public int asnCount() {
        int n = 0;
        for (Segment s : segments) n += s.asns.length;
        return n;
    }

    /**
     * Path length for best-path selection (RFC 4271 9.1.2.2): every AS_SEQUENCE member counts,
     * an AS_SET counts one, confederation segments count zero.
     */
    public int length() {
        int n = 0;
        for (Segment s : segments) {
            switch (s.type) {
                case AS_SEQUENCE -> n += s.asns.length;
                case AS_SET -> n += 1;
                default -> { }
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsPath p && (p == this || p.hashCode() == hashCode() && p.segments.equals(segments));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = segments.hashCode();
            if (h == 0) h = 1;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(segments.size() * 24);
        appendTo(sb);
        return sb.toString();
    }

    /** Appends bgpdump's text of this path. */
    public void appendTo(StringBuilder sb) {
        boolean first = true;
        for (Segment s : segments) {
            if (!first) sb.append(' ');
            first = false;
            char open, close, sep;
            switch (s.type) {
                case AS_SET -> { open = '{'; close = '}'; sep = ','; }
                case AS_CONFED_SEQUENCE -> { open = '('; close = ')'; sep = ' '; }
                case AS_CONFED_SET -> { open = '['; close = ']'; sep = ','; }
                default -> { open = 0; close = 0; sep = ' '; }
            }
            if (open != 0) sb.append(open);
            for (int i = 0; i < s.asns.length; i++) {
                if (i > 0) sb.append(sep);
                sb.append(s.asns[i]);
            }
            if (close != 0) sb.append(close);
        }
    }

    /** Inverse of {@link #toString()}. */
    public static AsPath parse(String text) {
        List<Segment> segs = new ArrayList<>();
        int i = 0, n = text.length();
        long[] buf = new long[16];
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') { i++; continue; }
            SegmentType type;
            char close;
            switch (c) {
                case '{' -> { type = SegmentType.AS_SET; close = '}'; i++; }
                case '(' -> { type = SegmentType.AS_CONFED_SEQUENCE; close = ')'; i++; }
                case '[' -> { type = SegmentType.AS_CONFED_SET; close = ']'; i++; }
                default -> { type = SegmentType.AS_SEQUENCE; close = 0; }
            }
            int k = 0;
            while (i < n) {
                c = text.charAt(i);
                if (close != 0 && c == close) { i++; break; }
                if (c == ' ' || c == ',') {
                    i++;
                    if (close == 0 && c == ' ' && i < n && !Character.isDigit(text.charAt(i))) break;
                    continue;
                }
                if (!Character.isDigit(c)) throw new IllegalArgumentException("bad AS path: " + text);
                long v = 0;
                while (i < n && Character.isDigit(text.charAt(i))) v = v * 10 + (text.charAt(i++) - '0');
                if (v > 0xffffffffL) throw new IllegalArgumentException("ASN out of range in: " + text);
                if (k == buf.length) buf = Arrays.copyOf(buf, k * 2);
                buf[k++] = v;
            }
            segs.add(new Segment(type, Arrays.copyOf(buf, k)));
        }
        return segs.isEmpty() ? EMPTY : new AsPath(segs);
    }
}
