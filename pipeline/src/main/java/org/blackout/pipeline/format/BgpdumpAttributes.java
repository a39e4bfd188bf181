package org.blackout.pipeline.format;

import java.nio.charset.StandardCharsets;
import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.As4Aggregator;
import org.blackout.wire.bgp.As4PathAttr;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.AtomicAggregate;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.LocalPref;
import org.blackout.wire.bgp.MalformedAttribute;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.net.Prefix;

/**
 * The attributes of one UPDATE or RIB entry as bgpdump 1.6 sees them: its defaults for absent
 * attributes (origin INCOMPLETE, next hop 255.255.255.255), its AS path text (with its RFC 6793
 * merge, which copies the first AS_PATH segment), its community text, and its MP_REACH /
 * MP_UNREACH slots per AFI/SAFI. Malformed attributes are read the way bgpdump reads them: from
 * the bytes that are there, zero-padded.
 */
final class BgpdumpAttributes {
    static final int AS_TRANS = 23456;
    private static final int MAX_ASPATH_LEN = 8000;
    private static final String ASPATH_ERROR = "! Error !";

    boolean hasAsPath;
    /** bgpdump's AS path text, "" when absent. */
    byte[] asPath = EMPTY;
    int origin = 255;
    int nextHop = -1; // INADDR_NONE
    boolean hasMed, hasLocalPref, atomicAggregate, hasCommunities, hasMpReach, hasMpUnreach;
    long med, localPref;
    long aggregatorAs;
    int aggregatorAddr = -1;
    /** Community text without bgpdump's leading space, or null. */
    byte[] communities;
    /** MP_REACH slots [afi][safi] for afi 1..2, safi 1..3, null when unused. */
    final Mp[][] announce = new Mp[3][4];
    final Mp[][] withdraw = new Mp[3][4];

    /** One MP_(UN)REACH slot: next hop as bgpdump read it (16 bytes) and the prefixes. */
    static final class Mp {
        long nhHi, nhLo; // the first 16 bytes of the next hop field, zero-padded
        Nlri nlri = Nlri.EMPTY;

        int nhV4() {
            return (int) (nhHi >>> 32);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private static final int CACHE_LIMIT = 1 << 16;
    /** AS path text by path, for the common case (no AS4_PATH merge): RIB dumps repeat paths a lot. */
    private final java.util.HashMap<AsPath, byte[]> pathCache = new java.util.HashMap<>();
    private final java.util.HashMap<Communities, byte[]> communityCache = new java.util.HashMap<>();
    private boolean mpUsed;

    /** A fresh view of one attribute set (allocates; {@link #load} reuses one instance instead). */
    static BgpdumpAttributes of(PathAttributes pa, int asnLen) {
        BgpdumpAttributes a = new BgpdumpAttributes();
        a.load(pa, asnLen);
        return a;
    }

    /**
     * Makes this the view of {@code pa}.
     *
     * @param asnLen 2 or 4: the ASN size bgpdump assumes for this record (4 for TABLE_DUMP_V2 and
     *               the _AS4 subtypes), which decides whether AS4_PATH is merged
     */
    BgpdumpAttributes load(PathAttributes pa, int asnLen) {
        hasAsPath = false;
        asPath = EMPTY;
        origin = 255;
        nextHop = -1;
        hasMed = hasLocalPref = atomicAggregate = hasCommunities = hasMpReach = hasMpUnreach = false;
        med = localPref = 0;
        aggregatorAs = 0;
        aggregatorAddr = -1;
        communities = null;
        if (mpUsed) {
            for (Mp[] row : announce) java.util.Arrays.fill(row, null);
            for (Mp[] row : withdraw) java.util.Arrays.fill(row, null);
            mpUsed = false;
        }
        BgpdumpAttributes a = this;
        AsPathAttr asPathAttr = null;
        byte[] asPathRaw = null, as4PathRaw = null;
        int asPathLen = asnLen;
        boolean hasAggregator = false, hasAs4Aggregator = false;
        long as4AggAs = 0;
        int as4AggAddr = -1;
        for (PathAttribute attr : pa.list()) {
            switch (attr) {
                case Origin o -> a.origin = o.value();
                case AsPathAttr p -> {
                    asPathAttr = p;
                    asPathRaw = null;
                    asPathLen = p.fourOctet() ? 4 : 2;
                }
                case As4PathAttr p -> as4PathRaw = encode(p.path(), 4);
                case NextHop n -> a.nextHop = n.address().v4Address();
                case MultiExitDisc m -> {
                    a.hasMed = true;
                    a.med = m.value();
                }
                case LocalPref l -> {
                    a.hasLocalPref = true;
                    a.localPref = l.value();
                }
                case AtomicAggregate x -> a.atomicAggregate = true;
                case Aggregator g -> {
                    hasAggregator = true;
                    a.aggregatorAs = g.as();
                    a.aggregatorAddr = g.address().v4Address();
                }
                case As4Aggregator g -> {
                    hasAs4Aggregator = true;
                    as4AggAs = g.as();
                    as4AggAddr = g.address().v4Address();
                }
                case Communities c -> {
                    a.hasCommunities = true;
                    byte[] text = communityCache.get(c);
                    if (text == null) {
                        text = communityText(c.values());
                        if (communityCache.size() >= CACHE_LIMIT) communityCache.clear();
                        communityCache.put(c, text);
                    }
                    a.communities = text;
                }
                case MpReachNlri m -> {
                    a.hasMpReach = true;
                    a.mpReach(m);
                }
                case MpUnreachNlri m -> {
                    a.hasMpUnreach = true;
                    a.mpUnreach(m);
                }
                case MalformedAttribute m -> {
                    if (m.reason().contains("overruns the attribute section") || m.reason().contains("truncated attribute header")) {
                        continue; // bgpdump drops truncated attributes without noting them
                    }
                    byte[] v = m.value();
                    switch (m.typeCode()) {
                        case PathAttribute.ORIGIN -> a.origin = v.length > 0 ? v[0] & 0xff : 0;
                        case PathAttribute.AS_PATH -> {
                            asPathRaw = v;
                            asPathAttr = null;
                        }
                        case PathAttribute.AS4_PATH -> as4PathRaw = v;
                        case PathAttribute.NEXT_HOP -> a.nextHop = (int) be(v, 0, 4);
                        case PathAttribute.MULTI_EXIT_DISC -> {
                            a.hasMed = true;
                            a.med = be(v, 0, 4);
                        }
                        case PathAttribute.LOCAL_PREF -> {
                            a.hasLocalPref = true;
                            a.localPref = be(v, 0, 4);
                        }
                        case PathAttribute.ATOMIC_AGGREGATE -> a.atomicAggregate = true;
                        case PathAttribute.AGGREGATOR -> {
                            hasAggregator = true;
                            a.aggregatorAs = be(v, 0, asnLen);
                            a.aggregatorAddr = (int) be(v, asnLen, 4);
                        }
                        case PathAttribute.AS4_AGGREGATOR -> {
                            hasAs4Aggregator = true;
                            as4AggAs = be(v, 0, 4);
                            as4AggAddr = (int) be(v, 4, 4);
                        }
                        case PathAttribute.COMMUNITIES -> {
                            a.hasCommunities = true;
                            int[] c = new int[v.length / 4];
                            for (int i = 0; i < c.length; i++) c[i] = (int) be(v, 4 * i, 4);
                            a.communities = communityText(c);
                        }
                        case PathAttribute.MP_REACH_NLRI -> a.hasMpReach = true;
                        case PathAttribute.MP_UNREACH_NLRI -> a.hasMpUnreach = true;
                        default -> { }
                    }
                }
                default -> { }
            }
        }
        if (asPathAttr != null || asPathRaw != null) {
            a.hasAsPath = true;
            boolean mergePath = asnLen == 2 && as4PathRaw != null;
            if (asnLen == 2 && hasAggregator && hasAs4Aggregator) {
                if (a.aggregatorAs != AS_TRANS) {
                    mergePath = false;
                } else {
                    a.aggregatorAs = as4AggAs;
                    a.aggregatorAddr = as4AggAddr;
                }
            }
            if (!mergePath && asPathAttr != null) {
                a.asPath = cachedText(asPathAttr.path(), asPathLen);
            } else {
                if (asPathRaw == null) asPathRaw = encode(asPathAttr.path(), asPathLen);
                PathText t = pathText(asPathRaw, asPathLen);
                if (mergePath) {
                    // RFC 6793 as bgpdump does it (only for 2-octet sessions)
                    PathText t4 = pathText(as4PathRaw, 4);
                    if (t.count >= t4.count) t = pathText(merge(asPathRaw, asPathLen, t.count, as4PathRaw, t4.count), 4);
                }
                a.asPath = t.text;
            }
        } else if (asnLen == 2 && hasAggregator && hasAs4Aggregator && a.aggregatorAs == AS_TRANS) {
            a.aggregatorAs = as4AggAs;
            a.aggregatorAddr = as4AggAddr;
        }
        return this;
    }

    private byte[] cachedText(AsPath p, int asnLen) {
        byte[] t = pathCache.get(p);
        if (t == null) {
            t = pathText(encode(p, asnLen), asnLen).text;
            if (pathCache.size() >= CACHE_LIMIT) pathCache.clear();
            pathCache.put(p, t);
        }
        return t;
    }

    private void mpReach(MpReachNlri m) {
        mpUsed = true;
        int afi = m.afi(), safi = m.safi();
        if (m.abbreviated()) {
            afi = 2; // bgpdump takes every abbreviated MP_REACH for IPv6 unicast
            safi = 1;
        }
        if (afi > 2 || safi > 3 || afi < 1 || safi < 1) return;
        if (announce[afi][safi] != null) return;
        Mp mp = new Mp();
        byte[] nh = m.nextHopBytes();
        if (afi == 1) {
            mp.nhHi = be(nh, 0, 4) << 32;
        } else {
            mp.nhHi = be(nh, 0, 4) << 32 | be(nh, 4, 4);
            mp.nhLo = be(nh, 8, 4) << 32 | be(nh, 12, 4);
        }
        mp.nlri = m.nlri();
        announce[afi][safi] = mp;
    }

    private void mpUnreach(MpUnreachNlri m) {
        mpUsed = true;
        int afi = m.afi(), safi = m.safi();
        if (afi > 2 || safi > 3 || afi < 1 || safi < 1) return;
        if (withdraw[afi][safi] != null) return;
        Mp mp = new Mp();
        mp.nlri = m.withdrawn();
        withdraw[afi][safi] = mp;
    }

    /** The MP_REACH IPv6 unicast next hop if bgpdump would use it for a RIB line, else null. */
    Mp ipv6Unicast() {
        return hasMpReach ? announce[2][1] : null;
    }

    // ---- AS path text (bgpdump's process_attr_aspath_string) ----

    record PathText(byte[] text, int count) {}

    static PathText pathText(byte[] d, int asnLen) {
        StringBuilder sb = new StringBuilder(d.length * 3);
        int count = 0;
        boolean space = false;
        int type = 2; // AS_SEQUENCE
        int p = 0;
        int lastType = -1;
        while (p < d.length) {
            int segType = d[p] & 0xff;
            int segLen = p + 1 < d.length ? d[p + 1] & 0xff : 0;
            if (segType < 1 || segType > 4) return new PathText(ascii(ASPATH_ERROR), 0);
            if (p + segLen * asnLen + 2 > d.length) return new PathText(ascii(ASPATH_ERROR), 0);
            if (type != 2) sb.append(delim(type, false));
            if (space) sb.append(' ');
            if (segType != 2) sb.append(delim(segType, true));
            space = false;
            count += segType == 2 || segType == 3 ? segLen : 1;
            for (int i = 0; i < segLen; i++) {
                if (space) sb.append(segType == 1 || segType == 4 ? ',' : ' ');
                else space = true;
                int at = p + 2 + i * asnLen;
                sb.append(be(d, at, asnLen));
                if (sb.length() > MAX_ASPATH_LEN - 100) {
                    sb.append("...");
                    return new PathText(ascii(sb.toString()), count);
                }
            }
            type = segType;
            lastType = segType;
            p += segLen * asnLen + 2;
        }
        if (lastType > 0 && lastType != 2) sb.append(delim(lastType, false));
        return new PathText(ascii(sb.toString()), count);
    }

    private static char delim(int type, boolean start) {
        return switch (type) {
            case 1 -> start ? '{' : '}';
            case 3 -> start ? '(' : ')';
            case 4 -> start ? '[' : ']';
            default -> ' ';
        };
    }

    /**
     * bgpdump's asn32_merge_paths: keeps copying AS_PATH's first segment (it never advances to the
     * next one) until count(AS_PATH) - count(AS4_PATH) ASNs are copied, then appends AS4_PATH.
     */
    static byte[] merge(byte[] path, int asnLen, int count, byte[] as4, int count4) {
        int want = count - count4;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(path.length * 2 + as4.length);
        int have = 0;
        if (want > 0 && path.length >= 2) {
            int type = path[0] & 0xff;
            int len = path[1] & 0xff;
            while (have < want) {
                int n = len;
                if (type == 1 || type == 4) {
                    have += 1;
                } else {
                    have += len;
                    if (have > want) n = len - (have - want);
                }
                out.write(type);
                out.write(n);
                for (int i = 0; i < n; i++) {
                    long asn = be(path, 2 + i * asnLen, asnLen);
                    out.write((int) (asn >>> 24));
                    out.write((int) (asn >>> 16));
                    out.write((int) (asn >>> 8));
                    out.write((int) asn);
                }
                if (len == 0 && type != 1 && type != 4) break; // bgpdump would spin forever here
            }
        }
        out.write(as4, 0, as4.length);
        return out.toByteArray();
    }

    static byte[] encode(AsPath p, int asnLen) {
        int n = 0;
        for (AsPath.Segment s : p.segments()) n += 2 + s.asns().length * asnLen;
        byte[] out = new byte[n];
        int k = 0;
        for (AsPath.Segment s : p.segments()) {
            out[k++] = (byte) s.type().code();
            out[k++] = (byte) s.asns().length;
            for (long asn : s.asns()) {
                if (asnLen == 4) {
                    out[k++] = (byte) (asn >>> 24);
                    out[k++] = (byte) (asn >>> 16);
                }
                out[k++] = (byte) (asn >>> 8);
                out[k++] = (byte) asn;
            }
        }
        return out;
    }

    // ---- communities (bgpdump's process_attr_community_string, BUFSIZ 8192) ----

    static byte[] communityText(int[] values) {
        StringBuilder sb = new StringBuilder(values.length * 12);
        final int max = 8191;
        for (int v : values) {
            String named = switch (v) {
                case 0xFFFFFF01 -> " no-export";
                case 0xFFFFFF02 -> " no-advertise";
                case 0xFFFFFF03 -> " local-AS";
                default -> null;
            };
            if (named != null) {
                if (sb.length() + named.length() < max + 1) sb.append(named);
            } else {
                String s = " " + ((v >>> 16) & 0xffff) + ":" + (v & 0xffff);
                int room = max - sb.length();
                sb.append(s, 0, Math.min(s.length(), Math.max(room, 0)));
            }
        }
        // bgpdump prints the text after its leading space
        return ascii(sb.length() > 0 ? sb.substring(1) : "");
    }

    static long be(byte[] v, int off, int len) {
        long r = 0;
        for (int i = 0; i < len; i++) r = (r << 8) | (off + i < v.length ? v[off + i] & 0xff : 0);
        return r;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean v6(Prefix p) {
        return p.v6();
    }
}
