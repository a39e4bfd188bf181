package org.blackout.ingest.bgp;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.blackout.wire.bgp.Open;

/**
 * The capabilities (RFC 5492) Blackout offers as a passive collector and what it agreed with a peer.
 * Offered: multiprotocol IPv4 and IPv6 unicast (RFC 4760), route refresh (RFC 2918), 4-octet AS
 * (RFC 6793), ADD-PATH receive for both families when configured (RFC 7911), and graceful restart
 * as a receiving speaker only (RFC 4724: no address families, so the peer never waits for us).
 */
record Capabilities(boolean as4, boolean ipv4, boolean ipv6, boolean addPathV4, boolean addPathV6,
        boolean routeRefresh, boolean gracefulRestart, int restartTime) {

    static final int GRACEFUL_RESTART = 64;

    /** Capability optional parameters for our OPEN. */
    static byte[] offer(long localAs, boolean addPath, boolean gracefulRestartHelper) {
        ByteArrayOutputStream caps = new ByteArrayOutputStream();
        cap(caps, Open.CAP_MULTIPROTOCOL, 0, 1, 0, 1);
        cap(caps, Open.CAP_MULTIPROTOCOL, 0, 2, 0, 1);
        cap(caps, Open.CAP_ROUTE_REFRESH);
        cap(caps, Open.CAP_FOUR_OCTET_AS, (int) (localAs >>> 24) & 0xff, (int) (localAs >>> 16) & 0xff,
                (int) (localAs >>> 8) & 0xff, (int) localAs & 0xff);
        if (addPath) cap(caps, Open.CAP_ADD_PATH, 0, 1, 1, 1, 0, 2, 1, 1); // receive (1) for v4 and v6 unicast
        if (gracefulRestartHelper) cap(caps, GRACEFUL_RESTART, 0, 120); // no flags, 120 s, no families: helper only
        byte[] c = caps.toByteArray();
        // one Capabilities optional parameter (type 2) holding them all
        byte[] p = new byte[c.length + 2];
        p[0] = 2;
        p[1] = (byte) c.length;
        System.arraycopy(c, 0, p, 2, c.length);
        return p;
    }

    private static void cap(ByteArrayOutputStream out, int code, int... value) {
        out.write(code);
        out.write(value.length);
        for (int v : value) out.write(v);
    }

    /** What both sides agreed, given that we offered {@link #offer} with {@code addPath}. */
    static Capabilities negotiate(List<Open.Capability> theirs, boolean addPath) {
        boolean as4 = false, v4 = false, v6 = false, apV4 = false, apV6 = false, rr = false, gr = false, anyMp = false;
        int restart = 0;
        for (Open.Capability c : theirs) {
            byte[] v = c.value();
            switch (c.code()) {
                case Open.CAP_FOUR_OCTET_AS -> as4 = v.length == 4;
                case Open.CAP_MULTIPROTOCOL -> {
                    if (v.length == 4) {
                        anyMp = true;
                        int afi = ((v[0] & 0xff) << 8) | (v[1] & 0xff), safi = v[3] & 0xff;
                        if (safi == 1 && afi == 1) v4 = true;
                        if (safi == 1 && afi == 2) v6 = true;
                    }
                }
                case Open.CAP_ROUTE_REFRESH -> rr = true;
                case Open.CAP_ADD_PATH -> {
                    for (int i = 0; i + 4 <= v.length; i += 4) {
                        int afi = ((v[i] & 0xff) << 8) | (v[i + 1] & 0xff), safi = v[i + 2] & 0xff;
                        boolean send = (v[i + 3] & 2) != 0; // the peer sends, we receive
                        if (addPath && send && safi == 1 && afi == 1) apV4 = true;
                        if (addPath && send && safi == 1 && afi == 2) apV6 = true;
                    }
                }
                case GRACEFUL_RESTART -> {
                    if (v.length >= 2) {
                        gr = true;
                        restart = ((v[0] & 0x0f) << 8) | (v[1] & 0xff);
                    }
                }
                default -> { }
            }
        }
        if (!anyMp) v4 = true; // RFC 4760: without the capability only IPv4 unicast is carried
        return new Capabilities(as4, v4, v6, apV4, apV6, rr, gr, restart);
    }
}
