package org.blackout.cli.dump;

import java.util.List;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.Bgp4mpStateChange;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtRecord;
import org.blackout.wire.mrt.PeerIndexTable;
import org.blackout.wire.mrt.RibEntries;
import org.blackout.wire.mrt.TableDump;
import org.blackout.wire.mrt.UnknownRecord;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Writes MRT records as {@code bgpdump -m} lines (bgpdump 1.6.2, default {@code -t dump}), byte for
 * byte: TABLE_DUMP, TABLE_DUMP2(_AP), BGP4MP(_ET)(_LOCAL)(_AP) and the deprecated BGP type. Like
 * bgpdump it prints nothing for PEER_INDEX_TABLE, multicast and generic RIB records, OPEN,
 * NOTIFICATION, KEEPALIVE and ROUTE-REFRESH messages. Keeps the current file's peer index table.
 */
public final class BgpdumpFormatter {
    private static final byte[] NAG = BgpdumpAttributes.ascii("NAG");
    private static final byte[] AG = BgpdumpAttributes.ascii("AG");

    private final AsciiOut out;
    private final boolean mask;
    private final BgpdumpPrefixes px = new BgpdumpPrefixes();
    private PeerIndexTable peers;
    private long lines;

    /** Prints what Debian's bgpdump 1.6.2 prints: prefixes with their host bits as sent. */
    public BgpdumpFormatter(AsciiOut out) {
        this(out, false);
    }

    /**
     * @param maskHostBits clear host bits beyond the prefix length, as bgpdump releases after 1.6.2
     *                     do (the test_expect files of bgpdump's own test suite come from one)
     */
    public BgpdumpFormatter(AsciiOut out, boolean maskHostBits) {
        this.out = out;
        this.mask = maskHostBits;
    }

    /** Forget the peer index table (call between files). */
    public void reset() {
        peers = null;
    }

    public long lines() {
        return lines;
    }

    public void accept(MrtRecord r) {
        switch (r) {
            case TableDump t -> tableDump(t);
            case RibEntries rib -> rib(rib);
            case PeerIndexTable p -> peers = p;
            case Bgp4mpMessage m -> message(m);
            case Bgp4mpStateChange s -> state(s);
            case UnknownRecord u -> { }
        }
    }

    // ---- TABLE_DUMP ----

    private void tableDump(TableDump t) {
        BgpdumpAttributes a = BgpdumpAttributes.of(t.attributes(), t.header().subtype() >= 3 ? 4 : 2);
        boolean v6 = t.header().subtype() == 2;
        out.str("TABLE_DUMP|").num(t.header().timestamp()).str("|B|");
        addr(t.peerAddress(), v6);
        out.ch('|').num(t.peerAs()).ch('|');
        addr(t.prefix().address(), v6);
        out.ch('/').num(t.prefix().length()).ch('|');
        BgpdumpAttributes.Mp mp6 = a.ipv6Unicast();
        pathOrigin(a);
        if (mp6 != null) out.ipv6(mp6.nhHi, mp6.nhLo);
        else out.ipv4(a.nextHop);
        tail(a, false);
    }

    // ---- TABLE_DUMP_V2 ----

    private void rib(RibEntries rib) {
        int st = rib.header().subtype();
        boolean addPath;
        switch (st) {
            case RibEntries.RIB_IPV4_UNICAST, RibEntries.RIB_IPV6_UNICAST -> addPath = false;
            case RibEntries.RIB_IPV4_UNICAST_ADDPATH, RibEntries.RIB_IPV6_UNICAST_ADDPATH -> addPath = true;
            default -> {
                return; // bgpdump does not print multicast or RIB_GENERIC records
            }
        }
        if (peers == null) return;
        List<PeerIndexTable.Peer> table = peers.peers();
        Prefix prefix = rib.prefix();
        for (RibEntries.RibEntry e : rib.entries()) {
            if (e.peerIndex() >= table.size()) continue;
            PeerIndexTable.Peer peer = table.get(e.peerIndex());
            BgpdumpAttributes a = BgpdumpAttributes.of(e.attributes(), 4);
            out.str(addPath ? "TABLE_DUMP2_AP|" : "TABLE_DUMP2|").num(rib.header().timestamp()).str("|B|");
            addr(peer.address(), peer.address().v6());
            out.ch('|').num(peer.as()).ch('|');
            addr(prefix.address(), prefix.v6());
            out.ch('/').num(prefix.length()).ch('|');
            if (addPath) out.num(e.pathId()).ch('|');
            pathOrigin(a);
            BgpdumpAttributes.Mp mp6 = a.ipv6Unicast();
            if (mp6 != null) out.ipv6(mp6.nhHi, mp6.nhLo);
            else out.ipv4(a.nextHop);
            tail(a, false);
        }
    }

    // ---- BGP4MP and the deprecated BGP type ----

    private void state(Bgp4mpStateChange s) {
        MrtHeader h = s.header();
        if (h.type() == MrtHeader.BGP) {
            out.str("BGP|").num(h.timestamp());
        } else {
            out.str(h.type() == MrtHeader.BGP4MP_ET ? "BGP4MP_ET|" : "BGP4MP|");
            time(h);
        }
        out.str("|STATE|");
        addr(s.peerAddress(), s.afi() == 2);
        out.ch('|').num(s.peerAs()).ch('|').num(s.oldState()).ch('|').num(s.newState()).ch('\n');
        lines++;
    }

    private void message(Bgp4mpMessage m) {
        if (!(m.message() instanceof Update u)) return;
        MrtHeader h = m.header();
        boolean legacy = h.type() == MrtHeader.BGP;
        BgpdumpAttributes a = BgpdumpAttributes.of(u.attributes(), m.as4() ? 4 : 2);
        String label = legacy ? "BGP|" : label(m);
        boolean v6Peer = m.afi() == 2;
        boolean addPath = m.addPath();
        if (legacy) {
            // process_bgpdump_mrtd_bgp: IPv4 withdrawn and NLRI only
            px.load(u.withdrawn(), false, false, mask);
            for (int i = 0; i < px.size; i++) {
                linePrefix(label, h, "W", m, v6Peer);
                // bgpdump 1.6.2 formats both addresses of this line with inet_ntoa's one static
                // buffer, so the peer address is printed in place of the prefix's
                if (mask) out.ipv4((int) (px.hi[i] >>> 32));
                else out.ipv4(m.peerAddress().v4Address());
                out.ch('/').num(px.len[i]).ch('\n');
                lines++;
            }
            px.load(u.nlri(), false, false, mask);
            for (int i = 0; i < px.size; i++) {
                linePrefix(label, h, "A", m, v6Peer);
                prefix(i, false);
                out.ch('|');
                pathOrigin(a);
                out.ipv4(a.nextHop).ch('|').num(a.hasLocalPref ? a.localPref : 0).ch('|').num(a.hasMed ? a.med : 0);
                // mrtd_table_line_announce has no '|' before the communities, and none for an empty list
                if (a.hasCommunities) out.bytes(a.communities);
                out.ch('|').bytes(a.atomicAggregate ? AG : NAG).ch('|');
                if (a.aggregatorAddr != -1) out.num(a.aggregatorAs).ch(' ').ipv4(a.aggregatorAddr);
                out.str("|\n");
                lines++;
            }
            return;
        }
        if (!u.withdrawn().isEmpty() || a.hasMpUnreach) {
            withdrawn(label, h, m, v6Peer, addPath, u.withdrawn(), false);
            for (int afi = 1; afi <= 2; afi++) {
                for (int safi = 1; safi <= 3; safi++) {
                    BgpdumpAttributes.Mp w = a.withdraw[afi][safi];
                    if (w != null) withdrawn(label, h, m, v6Peer, addPath, w.nlri, afi == 2);
                }
            }
        }
        if (!u.nlri().isEmpty() || a.hasMpReach) {
            announce(label, h, m, v6Peer, addPath, u.nlri(), a, a.nextHop, false);
            for (int safi = 1; safi <= 3; safi++) {
                BgpdumpAttributes.Mp r = a.announce[1][safi];
                if (r != null) announce(label, h, m, v6Peer, addPath, r.nlri, a, r.nhV4(), true);
            }
            for (int safi = 1; safi <= 3; safi++) {
                BgpdumpAttributes.Mp r = a.announce[2][safi];
                if (r != null) announce6(label, h, m, v6Peer, addPath, r, a);
            }
        }
    }

    private void withdrawn(String label, MrtHeader h, Bgp4mpMessage m, boolean v6Peer, boolean addPath, Nlri n,
            boolean v6) {
        px.load(n, v6, addPath, mask);
        for (int i = 0; i < px.size; i++) {
            linePrefix(label, h, "W", m, v6Peer);
            prefix(i, v6);
            if (addPath) out.ch('|').num(px.ids[i]);
            out.ch('\n');
            lines++;
        }
    }

    /** IPv4 announcements: from the NLRI field (next hop NEXT_HOP) or MP_REACH (its next hop, signed numbers). */
    private void announce(String label, MrtHeader h, Bgp4mpMessage m, boolean v6Peer, boolean addPath, Nlri n,
            BgpdumpAttributes a, int nextHop, boolean signed) {
        px.load(n, false, addPath, mask);
        for (int i = 0; i < px.size; i++) {
            linePrefix(label, h, "A", m, v6Peer);
            prefix(i, false);
            out.ch('|');
            if (addPath) out.num(px.ids[i]).ch('|');
            pathOrigin(a);
            out.ipv4(nextHop);
            tail(a, signed);
        }
    }

    private void announce6(String label, MrtHeader h, Bgp4mpMessage m, boolean v6Peer, boolean addPath,
            BgpdumpAttributes.Mp r, BgpdumpAttributes a) {
        px.load(r.nlri, true, addPath, mask);
        for (int i = 0; i < px.size; i++) {
            linePrefix(label, h, "A", m, v6Peer);
            prefix(i, true);
            out.ch('|');
            if (addPath) out.num(px.ids[i]).ch('|');
            pathOrigin(a);
            out.ipv6(r.nhHi, r.nhLo);
            tail(a, false);
        }
    }

    private static String label(Bgp4mpMessage m) {
        boolean et = m.header().type() == MrtHeader.BGP4MP_ET;
        String s = et ? "BGP4MP_ET" : "BGP4MP";
        if (m.local()) s += "_LOCAL";
        if (m.addPath()) s += "_AP";
        return s + "|";
    }

    private void linePrefix(String label, MrtHeader h, String type, Bgp4mpMessage m, boolean v6Peer) {
        out.str(label);
        if (h.type() == MrtHeader.BGP) out.num(h.timestamp());
        else time(h);
        out.ch('|').str(type).ch('|');
        addr(m.peerAddress(), v6Peer);
        out.ch('|').num(m.peerAs()).ch('|');
    }

    private void time(MrtHeader h) {
        out.num(h.timestamp());
        if (h.type() == MrtHeader.BGP4MP_ET) out.ch('.').padded(h.microseconds() & 0xffffffffL, 6);
    }

    // ---- shared pieces ----

    private void prefix(int i, boolean v6) {
        if (v6) out.ipv6(px.hi[i], px.lo[i]);
        else out.ipv4((int) (px.hi[i] >>> 32));
        out.ch('/').num(px.len[i]);
    }

    private void addr(IpAddress a, boolean v6) {
        if (v6) {
            if (a.v6()) out.ipv6(a.hi(), a.lo());
            else out.ipv6(a.hi(), 0); // never happens for well-formed records
        } else {
            out.ipv4(a.v4Address());
        }
    }

    private void pathOrigin(BgpdumpAttributes a) {
        out.bytes(a.asPath).ch('|');
        out.str(a.origin == 0 ? "IGP" : a.origin == 1 ? "EGP" : "INCOMPLETE").ch('|');
    }

    /** "|pref|med|communities|AG|aggregator|\n" after the next hop. */
    private void tail(BgpdumpAttributes a, boolean signed) {
        long pref = a.hasLocalPref ? a.localPref : 0;
        long med = a.hasMed ? a.med : 0;
        if (signed) {
            pref = (int) pref;
            med = (int) med;
        }
        out.ch('|').num(pref).ch('|').num(med).ch('|');
        if (a.hasCommunities) out.bytes(a.communities);
        out.ch('|').bytes(a.atomicAggregate ? AG : NAG).ch('|');
        if (a.aggregatorAddr != -1) out.num(a.aggregatorAs).ch(' ').ipv4(a.aggregatorAddr);
        out.str("|\n");
        lines++;
    }
}
