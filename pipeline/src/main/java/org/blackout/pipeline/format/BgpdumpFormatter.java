package org.blackout.pipeline.format;

import java.util.List;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.Bgp4mpStateChange;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtType;
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
    private final BgpdumpAttributes attrs = new BgpdumpAttributes();
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
            case PeerIndexTable p -> {
                peers = p;
                peerTexts = new AsciiOut[0];
            }
            case Bgp4mpMessage m -> message(m);
            case Bgp4mpStateChange s -> state(s);
            case UnknownRecord u -> { }
        }
    }

    // ---- TABLE_DUMP ----

    private void tableDump(TableDump t) {
        BgpdumpAttributes a = attrs.load(t.attributes(), t.header().subtype() >= 3 ? 4 : 2);
        boolean v6 = t.header().subtype() == 2;
        out.str("TABLE_DUMP|").num(t.header().timestamp()).str("|B|");
        addr(out, t.peerAddress(), v6);
        out.ch('|').num(t.peerAs()).ch('|');
        addr(out, t.prefix().address(), v6);
        out.ch('/').num(t.prefix().length()).ch('|');
        BgpdumpAttributes.Mp mp6 = a.ipv6Unicast();
        pathOrigin(out, a);
        if (mp6 != null) out.ipv6(mp6.nhHi, mp6.nhLo);
        else out.ipv4(a.nextHop);
        tail(out, a, false);
        lines++;
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
        AsciiOut pre = headA.reset();
        pre.str(addPath ? "TABLE_DUMP2_AP|" : "TABLE_DUMP2|").num(rib.header().timestamp()).str("|B|");
        AsciiOut pfx = tailA.reset();
        addr(pfx, prefix.address(), prefix.v6());
        pfx.ch('/').num(prefix.length()).ch('|');
        for (RibEntries.RibEntry e : rib.entries()) {
            if (e.peerIndex() >= table.size()) continue;
            BgpdumpAttributes a = attrs.load(e.attributes(), 4);
            out.append(pre).append(peerText(e.peerIndex(), table)).append(pfx);
            if (addPath) out.num(e.pathId()).ch('|');
            pathOrigin(out, a);
            BgpdumpAttributes.Mp mp6 = a.ipv6Unicast();
            if (mp6 != null) out.ipv6(mp6.nhHi, mp6.nhLo);
            else out.ipv4(a.nextHop);
            tail(out, a, false);
            lines++;
        }
    }

    /** "peer|as|" per peer index, built when the peer index table arrives. */
    private AsciiOut[] peerTexts = new AsciiOut[0];

    private AsciiOut peerText(int i, List<PeerIndexTable.Peer> table) {
        if (peerTexts.length != table.size()) peerTexts = new AsciiOut[table.size()];
        AsciiOut t = peerTexts[i];
        if (t == null) {
            PeerIndexTable.Peer peer = table.get(i);
            t = AsciiOut.scratch();
            addr(t, peer.address(), peer.address().v6());
            t.ch('|').num(peer.as()).ch('|');
            peerTexts[i] = t;
        }
        return t;
    }

    // ---- BGP4MP and the deprecated BGP type ----

    private void state(Bgp4mpStateChange s) {
        MrtHeader h = s.header();
        if (h.kind() == MrtType.BGP) {
            out.str("BGP|").num(h.timestamp());
        } else {
            out.str(h.kind() == MrtType.BGP4MP_ET ? "BGP4MP_ET|" : "BGP4MP|");
            time(out, h);
        }
        out.str("|STATE|");
        addr(out, s.peerAddress(), s.afi() == 2);
        out.ch('|').num(s.peerAs()).ch('|').num(s.oldState()).ch('|').num(s.newState()).ch('\n');
        lines++;
    }

    /** "LABEL|time|W|peer|as|" and "LABEL|time|A|peer|as|", built once per message. */
    private final AsciiOut headW = AsciiOut.scratch(), headA = AsciiOut.scratch();
    /** Everything after the prefix (and path id) of an announcement line, built once per next hop. */
    private final AsciiOut tailA = AsciiOut.scratch();

    private void message(Bgp4mpMessage m) {
        if (!(m.message() instanceof Update u)) return;
        MrtHeader h = m.header();
        boolean legacy = h.kind() == MrtType.BGP;
        BgpdumpAttributes a = attrs.load(u.attributes(), m.as4() ? 4 : 2);
        String label = legacy ? "BGP|" : label(m);
        boolean v6Peer = m.afi() == 2;
        boolean addPath = m.addPath();
        boolean withdraws = !u.withdrawn().isEmpty() || a.hasMpUnreach;
        boolean announces = !u.nlri().isEmpty() || a.hasMpReach;
        // each line starts with one of these: built once per message, and only when it has such lines
        if (withdraws) head(headW, label, h, "W", m, v6Peer);
        if (announces) head(headA, label, h, "A", m, v6Peer);
        if (legacy) {
            // process_bgpdump_mrtd_bgp: IPv4 withdrawn and NLRI only
            px.load(u.withdrawn(), false, false, mask);
            for (int i = 0; i < px.size; i++) {
                out.append(headW);
                // bgpdump 1.6.2 formats both addresses of this line with inet_ntoa's one static
                // buffer, so the peer address is printed in place of the prefix's
                if (mask) out.ipv4((int) (px.hi[i] >>> 32));
                else out.ipv4(m.peerAddress().v4Address());
                out.ch('/').num(px.len[i]).ch('\n');
                lines++;
            }
            px.load(u.nlri(), false, false, mask);
            if (px.size == 0) return;
            AsciiOut t = tailA.reset();
            pathOrigin(t, a);
            t.ipv4(a.nextHop).ch('|').num(a.hasLocalPref ? a.localPref : 0).ch('|').num(a.hasMed ? a.med : 0);
            // mrtd_table_line_announce has no '|' before the communities, and none for an empty list
            if (a.hasCommunities) t.bytes(a.communities);
            t.ch('|').bytes(a.atomicAggregate ? AG : NAG).ch('|');
            if (a.aggregatorAddr != -1) t.num(a.aggregatorAs).ch(' ').ipv4(a.aggregatorAddr);
            t.str("|\n");
            for (int i = 0; i < px.size; i++) {
                out.append(headA);
                prefix(i, false);
                out.ch('|').append(t);
                lines++;
            }
            return;
        }
        if (withdraws) {
            withdrawn(addPath, u.withdrawn(), false);
            for (int afi = 1; afi <= 2; afi++) {
                for (int safi = 1; safi <= 3; safi++) {
                    BgpdumpAttributes.Mp w = a.withdraw[afi][safi];
                    if (w != null) withdrawn(addPath, w.nlri, afi == 2);
                }
            }
        }
        if (announces) {
            announce(addPath, u.nlri(), false, a, a.nextHop, 0, 0, false);
            for (int safi = 1; safi <= 3; safi++) {
                BgpdumpAttributes.Mp r = a.announce[1][safi];
                if (r != null) announce(addPath, r.nlri, false, a, r.nhV4(), 0, 0, true);
            }
            for (int safi = 1; safi <= 3; safi++) {
                BgpdumpAttributes.Mp r = a.announce[2][safi];
                if (r != null) announce(addPath, r.nlri, true, a, 0, r.nhHi, r.nhLo, false);
            }
        }
    }

    private void head(AsciiOut t, String label, MrtHeader h, String type, Bgp4mpMessage m, boolean v6Peer) {
        t.reset().str(label);
        if (h.kind() == MrtType.BGP) t.num(h.timestamp());
        else time(t, h);
        t.ch('|').str(type).ch('|');
        addr(t, m.peerAddress(), v6Peer);
        t.ch('|').num(m.peerAs()).ch('|');
    }

    private void withdrawn(boolean addPath, Nlri n, boolean v6) {
        px.load(n, v6, addPath, mask);
        for (int i = 0; i < px.size; i++) {
            out.append(headW);
            prefix(i, v6);
            if (addPath) out.ch('|').num(px.ids[i]);
            out.ch('\n');
            lines++;
        }
    }

    /**
     * Announcements of one prefix list: IPv4 from the NLRI field (next hop NEXT_HOP) or from
     * MP_REACH (its next hop; bgpdump prints LOCAL_PREF and MED signed there), or IPv6.
     */
    private void announce(boolean addPath, Nlri n, boolean v6, BgpdumpAttributes a, int nextHop4, long nhHi,
            long nhLo, boolean signed) {
        px.load(n, v6, addPath, mask);
        if (px.size == 0) return;
        AsciiOut t = tailA.reset();
        pathOrigin(t, a);
        if (v6) t.ipv6(nhHi, nhLo);
        else t.ipv4(nextHop4);
        tail(t, a, signed);
        for (int i = 0; i < px.size; i++) {
            out.append(headA);
            prefix(i, v6);
            out.ch('|');
            if (addPath) out.num(px.ids[i]).ch('|');
            out.append(t);
            lines++;
        }
    }

    /** "BGP4MP(_ET)(_LOCAL)(_AP)|" by those three bits: no string built per message. */
    private static final String[] LABELS = new String[8];

    static {
        for (int i = 0; i < 8; i++) {
            LABELS[i] = ((i & 1) != 0 ? "BGP4MP_ET" : "BGP4MP") + ((i & 2) != 0 ? "_LOCAL" : "") + ((i & 4) != 0 ? "_AP" : "") + "|";
        }
    }

    private static String label(Bgp4mpMessage m) {
        boolean et = m.header().kind() == MrtType.BGP4MP_ET;
        return LABELS[(et ? 1 : 0) | (m.local() ? 2 : 0) | (m.addPath() ? 4 : 0)];
    }

    private static void time(AsciiOut o, MrtHeader h) {
        o.num(h.timestamp());
        if (h.kind() == MrtType.BGP4MP_ET) o.ch('.').padded(h.microseconds() & 0xffffffffL, 6);
    }

    // ---- shared pieces ----

    private void prefix(int i, boolean v6) {
        if (v6) out.ipv6(px.hi[i], px.lo[i]);
        else out.ipv4((int) (px.hi[i] >>> 32));
        out.ch('/').num(px.len[i]);
    }

    private static void addr(AsciiOut o, IpAddress a, boolean v6) {
        if (v6) o.ipv6(a.hi(), a.v6() ? a.lo() : 0);
        else o.ipv4(a.v4Address());
    }

    private static void pathOrigin(AsciiOut o, BgpdumpAttributes a) {
        o.bytes(a.asPath).ch('|');
        o.str(a.origin == 0 ? "IGP" : a.origin == 1 ? "EGP" : "INCOMPLETE").ch('|');
    }

    /** "|pref|med|communities|AG|aggregator|\n" after the next hop. */
    private static void tail(AsciiOut o, BgpdumpAttributes a, boolean signed) {
        long pref = a.hasLocalPref ? a.localPref : 0;
        long med = a.hasMed ? a.med : 0;
        if (signed) {
            pref = (int) pref;
            med = (int) med;
        }
        o.ch('|').num(pref).ch('|').num(med).ch('|');
        if (a.hasCommunities) o.bytes(a.communities);
        o.ch('|').bytes(a.atomicAggregate ? AG : NAG).ch('|');
        if (a.aggregatorAddr != -1) o.num(a.aggregatorAs).ch(' ').ipv4(a.aggregatorAddr);
        o.str("|\n");
    }
}
