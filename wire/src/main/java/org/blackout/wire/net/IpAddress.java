package org.blackout.wire.net;

/**
 * An IPv4 or IPv6 address in the same left-aligned two-word form as {@link Prefix}.
 * {@link #toString()} prints what glibc's {@code inet_ntop} prints, as bgpdump does.
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

    public static IpAddress v4(int address) {
        return new IpAddress(false, ((long) address) << 32, 0L);
    }

    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(true, hi, lo);
    }

    public static IpAddress parse(String s) {
        if (s.indexOf(':') < 0) return v4(parseV4(s));
        return parseV6(s);
    }

    private static int parseV4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + s);
        int a = 0;
        for (String part : p) {
            int v;
            try {
                v = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            if (v < 0 || v > 255 || part.isEmpty()) throw new IllegalArgumentException("not an IPv4 address: " + s);
            a = (a << 8) | v;
        }
        return a;
    }

    private static IpAddress parseV6(String s) {
        int[] words = new int[8];
        String head = s, tail = "";
        int dc = s.indexOf("::");
        if (dc >= 0) {
            head = s.substring(0, dc);
            tail = s.substring(dc + 2);
            if (tail.contains("::")) throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        int[] h = words(head, s);
        int[] t = words(tail, s);
        if (dc < 0 && h.length != 8 || h.length + t.length > (dc < 0 ? 8 : 7)) {
            throw new IllegalArgumentException("not an IPv6 address: " + s);
        }
        System.arraycopy(h, 0, words, 0, h.length);
        System.arraycopy(t, 0, words, 8 - t.length, t.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = (hi << 16) | words[i];
        for (int i = 4; i < 8; i++) lo = (lo << 16) | words[i];
        return new IpAddress(true, hi, lo);
    }

    private static int[] words(String part, String whole) {
        if (part.isEmpty()) return new int[0];
        String[] p = part.split(":", -1);
        boolean dotted = p[p.length - 1].indexOf('.') >= 0;
        int[] w = new int[p.length + (dotted ? 1 : 0)];
        for (int i = 0; i < p.length; i++) {
            if (dotted && i == p.length - 1) {
                int v4 = parseV4(p[i]);
                w[i] = v4 >>> 16;
                w[i + 1] = v4 & 0xffff;
            } else {
                if (p[i].isEmpty() || p[i].length() > 4) throw new IllegalArgumentException("not an IPv6 address: " + whole);
                try {
                    w[i] = Integer.parseInt(p[i], 16);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an IPv6 address: " + whole);
                }
            }
        }
        return w;
    }

    public int v4Address() {
        return (int) (hi >>> 32);
    }

    @Override
    public int compareTo(IpAddress o) {
        if (v6 != o.v6) return v6 ? 1 : -1;
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (!v6) {
            int a = v4Address();
            return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) w[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
        for (int i = 0; i < 4; i++) w[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        // glibc inet_ntop: compress the first longest run of >= 2 zero words
        int best = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) { best = i; bestLen = j - i; }
            i = j;
        }
        if (bestLen < 2) best = -1;
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (best >= 0 && i >= best && i < best + bestLen) {
                if (i == best) sb.append(':');
                continue;
            }
            if (i != 0) sb.append(':');
            // embedded IPv4: ::a.b.c.d and ::ffff:a.b.c.d
            if (i == 6 && best == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(w[6] >>> 8).append('.').append(w[6] & 0xff).append('.')
                  .append(w[7] >>> 8).append('.').append(w[7] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (best >= 0 && best + bestLen == 8) sb.append(':');
        return sb.toString();
    }
}
