package org.blackout.wire.bmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.blackout.wire.bmp.BmpBytes.*;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;

/** Message layouts of RFC 7854, RFC 8671 and RFC 9069, built byte by byte. */
class BmpDecoderTest {
    static final byte[] PEER_V4 = hex("c0000202"); // 192.0.2.2
    // ORIGIN IGP, AS_PATH (4-octet) 65001 4200000000, NEXT_HOP 192.0.2.1
    static final byte[] ATTRS_AS4 = hex("40010100 40020a02020000fde9fa56ea00 400304c0000201");
    // the same with 2-octet ASNs: 65001 23456 (AS_TRANS)
    static final byte[] ATTRS_AS2 = hex("40010100 40020602 02fde95ba0 400304c0000201");
    static final byte[] NLRI_10_8 = hex("080a");

    static BmpMessage decode(byte[] m, BmpSession s) {
        return s.decode(Unpooled.wrappedBuffer(m), 0, m.length);
    }

    @Test
    void initiationAndTermination() {
        byte[] init = bmp(4, tlv(1, "IOS XR 7.4.1".getBytes(StandardCharsets.UTF_8)),
                tlv(2, "edge-1".getBytes(StandardCharsets.UTF_8)));
        Initiation i = (Initiation) decode(init, new BmpSession());
        assertThat(i.sysName()).isEqualTo("edge-1");
        assertThat(i.sysDescr()).isEqualTo("IOS XR 7.4.1");
        Termination t = (Termination) decode(bmp(5, tlv(1, u16(Termination.REDUNDANT_CONNECTION))), new BmpSession());
        assertThat(t.reason()).isEqualTo(Termination.REDUNDANT_CONNECTION);
    }

    @Test
    void perPeerHeaderFlagsAndDistinguishers() {
        byte[] v6 = hex("20010db8000000000000000000000001");
        // V | L | O: IPv6 peer, post-policy Adj-RIB-Out, route distinguisher type 0 64499:94
        byte[] rm = bmp(0, perPeer(1, 0xd0, 0x0000fbf30000005eL, v6, 64499, "c0000202", 1700000000, 250),
                update(new byte[0], new byte[0], new byte[0]));
        PerPeerHeader h = decode(rm, new BmpSession()).peer();
        assertThat(h.ipv6()).isTrue();
        assertThat(h.address()).isEqualTo(IpAddress.parse("2001:db8::1"));
        assertThat(h.postPolicy()).isTrue();
        assertThat(h.adjRibOut()).isTrue();
        assertThat(h.twoByteAs()).isFalse();
        assertThat(h.view()).isEqualTo(PerPeerHeader.RibView.ADJ_RIB_OUT_POST);
        assertThat(h.distinguisherText()).isEqualTo("0:64499:94");
        assertThat(h.timeMicros()).isEqualTo(1_700_000_000_000_250L);
        assertThat(h.bgpId()).isEqualTo(IpAddress.parse("192.0.2.2"));

        // RFC 9069 Loc-RIB: flag 0x80 is F (filtered), not V; type 2 distinguisher 4226809946:12
        byte[] loc = bmp(0, perPeer(3, 0x80, 0x0002fbf0005a000cL, hex("00000000"), 4226809946L, "cb00715a", 1, 0),
                update(new byte[0], new byte[0], new byte[0]));
        PerPeerHeader l = decode(loc, new BmpSession()).peer();
        assertThat(l.locRib()).isTrue();
        assertThat(l.filtered()).isTrue();
        assertThat(l.ipv6()).isFalse();
        assertThat(l.address()).isEqualTo(IpAddress.parse("0.0.0.0"));
        assertThat(l.view()).isEqualTo(PerPeerHeader.RibView.LOC_RIB);
        assertThat(l.distinguisherText()).isEqualTo("2:4226809946:12");
        assertThat(BmpRouteElements.table(l)).isEqualTo("loc-rib rd=2:4226809946:12");
    }

    @Test
    void theAFlagSelectsTwoOctetAsPaths() {
        byte[] as2 = bmp(0, perPeer(0, 0x20, 0, PEER_V4, 65001, "c0000202", 1, 0), update(new byte[0], ATTRS_AS2, NLRI_10_8));
        byte[] as4 = bmp(0, perPeer(0, 0x00, 0, PEER_V4, 65001, "c0000202", 1, 0), update(new byte[0], ATTRS_AS4, NLRI_10_8));
        Update u2 = ((RouteMonitoring) decode(as2, new BmpSession())).update();
        Update u4 = ((RouteMonitoring) decode(as4, new BmpSession())).update();
        assertThat(u2.attributes().asPath().toString()).isEqualTo("65001 23456");
        assertThat(u4.attributes().asPath().toString()).isEqualTo("65001 4200000000");
        assertThat(u4.nlri().prefixes()).containsExactly(Prefix.parse("10.0.0.0/8"));
    }

    @Test
    void addPathFollowsThePeerUpAndIsForgottenAtPeerDown() {
        BmpSession s = new BmpSession();
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1, 0);
        // the router (sent OPEN) can receive, the peer (received OPEN) can send: Adj-RIB-In carries path ids
        byte[] up = bmp(3, header, hex("000000000000000000000000c0000201"), u16(179), u16(40000),
                open(65000, "c0000201", 1), open(65001, "c0000202", 2));
        PeerUp pu = (PeerUp) decode(up, s);
        assertThat(pu.localAddress()).isEqualTo(IpAddress.parse("192.0.2.1"));
        assertThat(pu.localPort()).isEqualTo(179);
        assertThat(pu.receivedOpen().as()).isEqualTo(65001);
        assertThat(pu.addPath().any(pu.peer())).isTrue();
        assertThat(pu.addPath().has(pu.peer(), 1, 1)).isTrue();
        assertThat(s.peers()).isEqualTo(1);

        byte[] withIds = bmp(0, header, update(new byte[0], ATTRS_AS4, hex("00000007 080a 00000009 10ac10")));
        RouteMonitoring rm = (RouteMonitoring) decode(withIds, s);
        assertThat(rm.addPath()).isTrue();
        assertThat(rm.update().nlri().prefixes()).containsExactly(Prefix.parse("10.0.0.0/8"), Prefix.parse("172.16.0.0/16"));
        assertThat(rm.update().nlri().pathId(1)).isEqualTo(9);

        // peer down (remote closed without a NOTIFICATION) forgets the peer
        PeerDown pd = (PeerDown) decode(bmp(2, header, new byte[] {4}), s);
        assertThat(pd.reason()).isEqualTo(PeerDown.REMOTE_NO_NOTIFICATION);
        assertThat(s.peers()).isZero();
        assertThat(s.addPath(pd.peer())).isNull();
    }

    @Test
    void addPathIsPerFamily() {
        BmpSession s = new BmpSession();
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1, 0);
        // ADD-PATH negotiated for IPv6 unicast only (AFI 2, SAFI 1): the router receives, the peer sends
        byte[] sent = open6(1), received = open6(2);
        decode(bmp(3, header, new byte[16], u16(179), u16(40000), sent, received), s);
        // IPv4 NLRI without path ids, MP_REACH IPv6 with them: 2001:db8::/32 path id 5
        byte[] mpReach = hex("900e 001e 0002 01 10 20010db8000000000000000000000001 00 00000005 20 20010db8");
        byte[] attrs = concat(ATTRS_AS4, mpReach);
        RouteMonitoring rm = (RouteMonitoring) decode(bmp(0, header, update(new byte[0], attrs, NLRI_10_8)), s);
        assertThat(rm.update().nlri().prefixes()).containsExactly(Prefix.parse("10.0.0.0/8"));
        assertThat(rm.update().nlri().addPath()).isFalse();
        var reach = rm.update().attributes().mpReach();
        assertThat(reach.nlri().prefixes()).containsExactly(Prefix.parse("2001:db8::/32"));
        assertThat(reach.nlri().pathId(0)).isEqualTo(5);
    }

    /** OPEN with ADD-PATH for IPv6 unicast in the given direction. */
    private static byte[] open6(int direction) {
        byte[] o = open(65001, "c0000202", direction);
        // open() writes ADD-PATH for AFI 1: make it AFI 2 (the capability's last four bytes are AFI, SAFI, direction)
        o[o.length - 3] = 2;
        return o;
    }

    @Test
    void peerDownCarriesTheNotificationOrTheFsmEvent() {
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1, 0);
        PeerDown n = (PeerDown) decode(bmp(2, header, new byte[] {1}, bgp(3, hex("0602"))), new BmpSession());
        assertThat(n.notification().code()).isEqualTo(6); // Cease
        assertThat(n.notification().subcode()).isEqualTo(2); // administrative shutdown
        PeerDown f = (PeerDown) decode(bmp(2, header, new byte[] {2}, u16(18)), new BmpSession());
        assertThat(f.fsmEvent()).isEqualTo(18);
    }

    @Test
    void statisticsCountersAndPerFamilyGauges() {
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1, 0);
        byte[] stats = bmp(1, header, hex("00000003"), tlv(2, hex("00000004")), tlv(7, hex("0000000000001000")),
                tlv(9, hex("0002 01 0000000000000021")));
        StatisticsReport r = (StatisticsReport) decode(stats, new BmpSession());
        assertThat(r.stats()).extracting(StatisticsReport.Stat::type).containsExactly(2, 7, 9);
        assertThat(r.stats()).extracting(StatisticsReport.Stat::count).containsExactly(4L, 4096L, 33L);
        assertThat(r.stats().get(2).afi()).isEqualTo(2);
        assertThat(r.stats().get(2).safi()).isEqualTo(1);
    }

    @Test
    void truncatedAndGarbledMessagesNameTheField() {
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1, 0);
        byte[] stats = bmp(1, header, hex("00000002"), tlv(2, hex("00000004")));
        assertThatThrownBy(() -> decode(stats, new BmpSession())).isInstanceOf(DecodeException.class)
                .hasMessageContaining("stat 1 of 2 missing");
        byte[] rm = bmp(0, header, update(new byte[0], ATTRS_AS4, NLRI_10_8));
        rm[6 + 42 + 5] = 0; // the BGP marker
        assertThatThrownBy(() -> decode(rm, new BmpSession())).isInstanceOf(DecodeException.class)
                .hasMessageContaining("marker");
        byte[] v2 = bmp(2, 4, tlv(2, new byte[1]));
        assertThatThrownBy(() -> decode(v2, new BmpSession())).hasMessageContaining("version 2");
    }

    @Test
    void routeElementsFromPeerUpMonitoringAndPeerDown() {
        BmpSession s = new BmpSession();
        byte[] header = perPeer(0, 0, 0, PEER_V4, 65001, "c0000202", 1_700_000_000, 0);
        List<RouteElement> out = new ArrayList<>();
        BmpRouteElements.accept(decode(bmp(3, header, new byte[16], u16(179), u16(40000), open(65000, "c0000201", 0),
                open(65001, "c0000202", 0)), s), 0, out::add);
        // one UPDATE withdrawing 192.0.2.0/24 and announcing 10/8; then one without NEXT_HOP, as FRR sends
        BmpRouteElements.accept(decode(bmp(0, header, update(hex("18c00002"), ATTRS_AS4, NLRI_10_8)), s), 0, out::add);
        byte[] noNextHop = hex("40010100 40020a02020000fde9fa56ea00");
        BmpRouteElements.accept(decode(bmp(0, header, update(new byte[0], noNextHop, hex("10ac10"))), s), 0, out::add);
        BmpRouteElements.accept(decode(bmp(2, header, new byte[] {4}), s), 0, out::add);

        assertThat(out).extracting(RouteElement::type).containsExactly(ElementType.STATE, ElementType.WITHDRAW,
                ElementType.ANNOUNCE, ElementType.ANNOUNCE, ElementType.STATE);
        assertThat(out.get(0).oldState()).isEqualTo(1);
        assertThat(out.get(0).newState()).isEqualTo(6);
        assertThat(out.get(4).oldState()).isEqualTo(6);
        assertThat(out.get(4).newState()).isEqualTo(1);
        assertThat(out.get(1).prefix()).isEqualTo(Prefix.parse("192.0.2.0/24"));
        assertThat(out.get(3).attributes().treatAsWithdraw()).isFalse();
        assertThat(out).allMatch(e -> e.peerAddress().equals(IpAddress.parse("192.0.2.2")) && e.peerAs() == 65001
                && e.timeMicros() == 1_700_000_000_000_000L);
    }

    @Test
    void labeledUnicastPrefixesLoseTheirLabels() {
        // 203.0.113.21/32 with label 160021 (bottom of stack), and a withdrawal with the 0x800000 placeholder
        var reach = LabeledNlri.decode(hex("38 271151 cb007115"), false, false, false);
        assertThat(reach.prefixes()).containsExactly(Prefix.parse("203.0.113.21/32"));
        var unreach = LabeledNlri.decode(hex("38 800000 cb007115"), false, false, true);
        assertThat(unreach.prefixes()).containsExactly(Prefix.parse("203.0.113.21/32"));
        var twoLabels = LabeledNlri.decode(hex("48 000010 000021 0a0000"), false, false, false);
        assertThat(twoLabels.prefixes()).containsExactly(Prefix.parse("10.0.0.0/24"));
    }
}
