package org.blackout.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.io.ByteArrayInputStream;
import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.As4Aggregator;
import org.blackout.wire.bgp.As4PathAttr;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.AtomicAggregate;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.ClusterList;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.ExtendedCommunities;
import org.blackout.wire.bgp.Keepalive;
import org.blackout.wire.bgp.LargeCommunities;
import org.blackout.wire.bgp.LocalPref;
import org.blackout.wire.bgp.MalformedAttribute;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Notification;
import org.blackout.wire.bgp.Open;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.OriginatorId;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.RouteRefresh;
import org.blackout.wire.bgp.ShutdownCommunication;
import org.blackout.wire.bgp.UnknownAttribute;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.Bgp4mpStateChange;
import org.blackout.wire.mrt.MrtEncoder;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtType;
import org.blackout.wire.mrt.PeerIndexTable;
import org.blackout.wire.mrt.RibEntries;
import org.blackout.wire.mrt.TableDump;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;
import org.blackout.wire.mrt.MrtReader;
import org.blackout.wire.mrt.MrtRecord;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-built messages and records of every kind the model has survive encode then decode. That
 * encode(decode(x)) == x for every record of every shared MRT file is {@code ingest}'s RoundTripTest,
 * which can open all of them (gzip and bzip2).
 */
class RoundTripTest {

    // ---- records built by hand: encode, decode, compare ----

    private static final int T = PathAttribute.TRANSITIVE, O = PathAttribute.OPTIONAL, OT = O | T;

    static byte[] bytes(BgpMessage m) {
        ByteBuf b = Unpooled.buffer();
        BgpEncoder.encode(m, b);
        return ByteBufUtil.getBytes(b);
    }

    static BgpMessage decode(byte[] wire, boolean as4, boolean addPath) {
        return BgpDecoder.decodeMessage(Unpooled.wrappedBuffer(wire), 0, wire.length, as4, addPath);
    }

    /** Every modelled attribute, 2-octet AS_PATH with every segment type plus AS4_PATH / AS4_AGGREGATOR. */
    static List<PathAttribute> everyAttribute() {
        AsPath path = new AsPath(List.of(
                new AsPath.Segment(AsPath.SegmentType.AS_CONFED_SEQUENCE, new long[] {64512, 64513}),
                new AsPath.Segment(AsPath.SegmentType.AS_CONFED_SET, new long[] {64514}),
                new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {3356, 23456, 1299}),
                new AsPath.Segment(AsPath.SegmentType.AS_SET, new long[] {65001, 65002})));
        return List.of(
                new Origin(T, Origin.INCOMPLETE),
                new AsPathAttr(T, path, false),
                new NextHop(T, IpAddress.parse("192.0.2.1")),
                new MultiExitDisc(O, 4_000_000_000L),
                new LocalPref(T, 100),
                new AtomicAggregate(T),
                new Aggregator(OT, 23456, IpAddress.parse("198.51.100.7"), false),
                new Communities(OT, new int[] {(3356 << 16) | 666, Communities.NO_EXPORT}),
                new OriginatorId(O, IpAddress.parse("10.0.0.1")),
                new ClusterList(O, List.of(IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.3"))),
                new MpReachNlri(O, MpReachNlri.AFI_IPV6, MpReachNlri.SAFI_UNICAST, null,
                        IpAddress.parse("2001:db8::1"), IpAddress.parse("fe80::1"), 0,
                        Nlri.of(Prefix.parse("2001:db8:1::/48"), Prefix.parse("::/0"), Prefix.parse("2001:db8::1/128")),
                        new byte[0], false),
                new MpUnreachNlri(O, MpReachNlri.AFI_IPV4, MpReachNlri.SAFI_MULTICAST,
                        Nlri.of(Prefix.parse("233.252.0.0/24")), new byte[0]),
                new ExtendedCommunities(OT, new long[] {0x0002_0d1c_0000_0064L}),
                new As4PathAttr(OT, AsPath.ofSequence(3356, 4_200_000_000L, 1299)),
                new As4Aggregator(OT, 4_200_000_000L, IpAddress.parse("198.51.100.7")),
                new LargeCommunities(OT, new int[] {(int) 4_200_000_000L, 1, 2}),
                new UnknownAttribute(OT | PathAttribute.PARTIAL | PathAttribute.EXTENDED_LENGTH, 99, new byte[] {1, 2, 3}));
    }

    @Test
    void updateWithEveryAttributeRoundTrips() {
        Update u = new Update(Nlri.of(Prefix.parse("203.0.113.0/24")),
                new PathAttributes(everyAttribute(), Rfc7606Action.NONE, null),
                Nlri.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("10.0.0.0/8"), Prefix.parse("192.0.2.128/25")));
        byte[] wire = bytes(u);
        BgpMessage back = decode(wire, false, false);
        // equal but for the next hop field, which the decoder keeps as read and the original left to the encoder
        assertThat(back).hasToString(u.toString());
        assertThat(((Update) back).attributes().action()).isEqualTo(Rfc7606Action.NONE);
        // RFC 6793 4.2.3: AS_PATH has 4 ASNs counted for the merge, AS4_PATH 3: the first one is kept
        assertThat(((Update) back).attributes().asPath().toString()).isEqualTo("(64512 64513) [64514] 3356 3356 4200000000 1299");
        assertThat(bytes(back)).isEqualTo(wire);
        assertThat(wire.length).isEqualTo(((wire[16] & 0xff) << 8) | (wire[17] & 0xff));
    }

    @Test
    void fourOctetAsPathAndAggregatorRoundTrip() {
        Update u = new Update(Nlri.EMPTY, new PathAttributes(List.of(
                new Origin(T, Origin.IGP),
                new AsPathAttr(T, AsPath.ofSequence(3356, 4_200_000_000L), true),
                new NextHop(T, IpAddress.parse("192.0.2.1")),
                new Aggregator(OT, 4_200_000_000L, IpAddress.parse("198.51.100.7"), true)), Rfc7606Action.NONE, null),
                Nlri.of(Prefix.parse("198.51.100.0/24")));
        byte[] wire = bytes(u);
        assertThat(decode(wire, true, false)).isEqualTo(u);
        // a 4-octet AS in a 2-octet AS_PATH is written as AS_TRANS (RFC 6793 4.2.2)
        Update two = new Update(Nlri.EMPTY, new PathAttributes(List.of(
                new AsPathAttr(T, AsPath.ofSequence(3356, 4_200_000_000L), false)), Rfc7606Action.NONE, null), Nlri.EMPTY);
        Update back = (Update) decode(bytes(two), false, false);
        assertThat(back.attributes().asPath().sequence()).containsExactly(3356, 23456);
    }

    @Test
    void addPathNlriRoundTrips() {
        Nlri v4 = new Nlri(new Prefix[] {Prefix.parse("198.51.100.0/24"), Prefix.parse("198.51.100.0/24")},
                new long[] {1, 0xffffffffL});
        Nlri v6 = new Nlri(new Prefix[] {Prefix.parse("2001:db8::/32")}, new long[] {7});
        Update u = new Update(new Nlri(new Prefix[] {Prefix.parse("10.0.0.0/8")}, new long[] {3}),
                new PathAttributes(List.of(new Origin(T, 0), new AsPathAttr(T, AsPath.ofSequence(1, 2), true),
                        new NextHop(T, IpAddress.parse("192.0.2.1")),
                        new MpReachNlri(O, 2, 1, null, IpAddress.parse("2001:db8::1"), null, 0, v6, new byte[0], false),
                        new MpUnreachNlri(O, 2, 2, new Nlri(new Prefix[] {Prefix.parse("ff00::/8")}, new long[] {9}),
                                new byte[0])),
                        Rfc7606Action.NONE, null), v4);
        byte[] wire = bytes(u);
        BgpMessage back = decode(wire, true, true);
        assertThat(back).hasToString(u.toString());
        assertThat(((Update) back).nlri()).isEqualTo(v4);
        assertThat(((Update) back).attributes().mpReach().nlri()).isEqualTo(v6);
        assertThat(bytes(back)).isEqualTo(wire);
    }

    @Test
    void attributeLengthFlagIsKeptAndSetWhenNeeded() {
        // extended length asked for a short value: kept (2-octet length 3)
        ByteBuf b = Unpooled.buffer();
        BgpEncoder.encodeAttribute(new UnknownAttribute(0xf0, 99, new byte[] {1, 2, 3}), b);
        assertThat(ByteBufUtil.hexDump(b)).isEqualTo("f0630003010203");
        // 300 octets without the flag: the encoder switches to the extended form
        b.clear();
        int[] many = new int[75];
        BgpEncoder.encodeAttribute(new Communities(OT, many), b);
        assertThat(ByteBufUtil.hexDump(b, 0, 4)).isEqualTo("d008012c");
        assertThat(b.readableBytes()).isEqualTo(304);
    }

    @Test
    void openBuildsCapabilitiesAndKeepsReadParameters() {
        List<Open.Capability> caps = List.of(
                new Open.Capability(Open.CAP_MULTIPROTOCOL, new byte[] {0, 2, 0, 1}),
                new Open.Capability(Open.CAP_ROUTE_REFRESH, new byte[0]),
                new Open.Capability(Open.CAP_FOUR_OCTET_AS, new byte[] {(byte) 0xfa, 0x56, (byte) 0xea, 0}),
                new Open.Capability(Open.CAP_ADD_PATH, new byte[] {0, 1, 1, 3}));
        Open o = new Open(4, 23456, 180, IpAddress.parse("192.0.2.9"), null, caps);
        byte[] wire = bytes(o);
        Open back = (Open) decode(wire, false, false);
        assertThat(back.capabilities()).isEqualTo(caps);
        assertThat(back.as()).isEqualTo(4_200_000_000L);
        assertThat(back.optionalParameters()).hasSize(4 * 4 + 4 + 4 + 4);
        assertThat(bytes(back)).isEqualTo(wire);
    }

    @Test
    void notificationKeepaliveRouteRefresh() {
        Notification n = ShutdownCommunication.of(ShutdownCommunication.ADMINISTRATIVE_SHUTDOWN,
                "maintenance, back at 22:00 UTC \u2615");
        Notification back = (Notification) decode(bytes(n), false, false);
        assertThat(back).isEqualTo(n);
        assertThat(ShutdownCommunication.of(back)).contains("maintenance, back at 22:00 UTC \u2615");
        // RFC 9003: at most 255 octets, cut at a character boundary
        Notification longOne = ShutdownCommunication.of(ShutdownCommunication.ADMINISTRATIVE_RESET, "\u00e9".repeat(200));
        assertThat(longOne.data()[0] & 0xff).isEqualTo(254);
        assertThat(ShutdownCommunication.of(longOne)).contains("\u00e9".repeat(127));
        assertThat(ShutdownCommunication.of(new Notification(6, 2, new byte[] {5, 'a'}))).isEmpty();
        assertThat(ShutdownCommunication.of(new Notification(6, 2, new byte[] {2, (byte) 0xc3, 0x28}))).isEmpty();

        assertThat(ByteBufUtil.hexDump(bytes(Keepalive.INSTANCE))).isEqualTo("ff".repeat(16) + "001304");
        RouteRefresh rr = new RouteRefresh(2, 1, 1);
        assertThat(ByteBufUtil.hexDump(bytes(rr))).isEqualTo("ff".repeat(16) + "00170500020101");
        assertThat(decode(bytes(rr), false, false)).isEqualTo(rr);
    }

    /**
     * Damaged attribute sections re-encode as they were: a header cut off after 1, 2 or 3 octets
     * (extended length), an attribute whose length overruns the section, one that fails validation.
     */
    @Test
    void damagedAttributeSectionsReEncodeExactly() {
        String origin = "40010100", asPath = "400206020200010002";
        for (String tail : List.of("40", "4003", "5003", "500300", "50030004", "40030801020304", "c0080a0000000100000002",
                "800e0400010102", "400104")) {
            byte[] attrs = HexFormat.of().parseHex(origin + asPath + tail);
            ByteBuf msg = Unpooled.buffer();
            for (int i = 0; i < 4; i++) msg.writeInt(-1);
            msg.writeShort(19 + 4 + attrs.length).writeByte(BgpMessage.UPDATE).writeShort(0).writeShort(attrs.length)
                    .writeBytes(attrs);
            byte[] wire = ByteBufUtil.getBytes(msg);
            Update u = (Update) decode(wire, false, false);
            assertThat(u.attributes().action()).as(tail).isNotEqualTo(Rfc7606Action.NONE);
            assertThat(u.attributes().list().getLast()).as(tail).isInstanceOf(MalformedAttribute.class);
            assertThat(HexFormat.of().formatHex(bytes(u))).as(tail).isEqualTo(HexFormat.of().formatHex(wire));
        }
    }

    // ---- MRT records built by hand ----

    static byte[] mrt(MrtRecord... records) {
        ByteBuf b = Unpooled.buffer();
        for (MrtRecord r : records) MrtEncoder.encode(r, b);
        return ByteBufUtil.getBytes(b);
    }

    static List<MrtRecord> read(byte[] wire) throws IOException {
        MrtReader r = new MrtReader(new ByteArrayInputStream(wire), "test");
        List<String> errors = new ArrayList<>();
        r.onError(e -> errors.add(e.getMessage()));
        List<MrtRecord> out = new ArrayList<>();
        for (MrtRecord m; (m = r.next()) != null; ) out.add(m);
        assertThat(errors).isEmpty();
        return out;
    }

    static MrtHeader header(int type, int subtype) {
        return new MrtHeader(1_400_000_000L, type, subtype, 0, type == MrtType.BGP4MP_ET.code() ? 123_456 : 0);
    }

    @Test
    void everyMrtRecordTypeRoundTrips() throws IOException {
        PathAttributes v4attrs = new PathAttributes(List.of(new Origin(T, 0),
                new AsPathAttr(T, AsPath.ofSequence(2914, 1239, 4837, 131279), true),
                new NextHop(T, IpAddress.parse("192.0.2.1"))), Rfc7606Action.NONE, null);
        PathAttributes v6rib = new PathAttributes(List.of(new Origin(T, 0),
                new AsPathAttr(T, AsPath.ofSequence(6939), true),
                new MpReachNlri(O, 2, 1, null, IpAddress.parse("2001:db8::1"), IpAddress.parse("fe80::2"), 0,
                        Nlri.EMPTY, new byte[0], true)), Rfc7606Action.NONE, null);
        PathAttributes twoOctet = new PathAttributes(List.of(new Origin(T, 0),
                new AsPathAttr(T, AsPath.ofSequence(3356), false), new NextHop(T, IpAddress.parse("192.0.2.1"))),
                Rfc7606Action.NONE, null);
        IpAddress peer4 = IpAddress.parse("192.0.2.2"), local4 = IpAddress.parse("192.0.2.3");
        IpAddress peer6 = IpAddress.parse("2001:db8::2"), local6 = IpAddress.parse("2001:db8::3");
        Update update = new Update(Nlri.EMPTY, v4attrs, Nlri.of(Prefix.parse("175.45.176.0/24")));
        List<MrtRecord> records = List.of(
                new TableDump(header(MrtType.TABLE_DUMP.code(), 1), 0, 7, Prefix.parse("175.45.176.0/22"), 1, 1_300_000_000L,
                        peer4, 3356, twoOctet),
                new TableDump(header(MrtType.TABLE_DUMP.code(), 2), 0, 8, Prefix.parse("2001:db8::/32"), 1, 1_300_000_000L,
                        peer6, 6939, PathAttributes.EMPTY),
                new PeerIndexTable(header(MrtType.TABLE_DUMP_V2.code(), RibEntries.PEER_INDEX_TABLE),
                        IpAddress.parse("10.0.0.1"), "view \u00e9", List.of(
                                new PeerIndexTable.Peer(0, IpAddress.parse("10.0.0.2"), peer4, 3356),
                                new PeerIndexTable.Peer(3, IpAddress.parse("10.0.0.3"), peer6, 4_200_000_000L))),
                new RibEntries(header(MrtType.TABLE_DUMP_V2.code(), RibEntries.RIB_IPV4_UNICAST), 1, 1, 1,
                        Prefix.parse("175.45.176.0/24"), new byte[0],
                        List.of(new RibEntries.RibEntry(0, 1_300_000_000L, 0, v4attrs))),
                new RibEntries(header(MrtType.TABLE_DUMP_V2.code(), RibEntries.RIB_IPV6_MULTICAST_ADDPATH), 2, 2, 2,
                        Prefix.parse("2001:db8::/32"), new byte[0],
                        List.of(new RibEntries.RibEntry(1, 1_300_000_000L, 42, v6rib),
                                new RibEntries.RibEntry(1, 1_300_000_001L, 43, v6rib))),
                new RibEntries(header(MrtType.TABLE_DUMP_V2.code(), RibEntries.RIB_GENERIC), 3, 1, 128, null,
                        new byte[] {112, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 10, 0, 0}, List.of()),
                new RibEntries(header(MrtType.TABLE_DUMP_V2.code(), RibEntries.RIB_GENERIC_ADDPATH), 4, 1, 1,
                        Prefix.parse("10.0.0.0/8"), new byte[0], List.of(new RibEntries.RibEntry(0, 1, 5, v4attrs))),
                new Bgp4mpMessage(header(MrtType.BGP4MP_ET.code(), Bgp4mpMessage.MESSAGE_AS4), 4_200_000_000L, 65000, 0, 1,
                        peer4, local4, update),
                new Bgp4mpMessage(header(MrtType.BGP4MP.code(), Bgp4mpMessage.MESSAGE_AS4_ADDPATH), 3356, 65000, 0, 2,
                        peer6, local6, new Update(Nlri.EMPTY, PathAttributes.EMPTY,
                                new Nlri(new Prefix[] {Prefix.parse("10.0.0.0/8")}, new long[] {1}))),
                new Bgp4mpMessage(header(MrtType.BGP4MP.code(), Bgp4mpMessage.MESSAGE), 3356, 65000, 0, 1, peer4, local4,
                        new Update(Nlri.EMPTY, twoOctet, Nlri.of(Prefix.parse("10.0.0.0/8")))),
                new Bgp4mpStateChange(header(MrtType.BGP4MP.code(), Bgp4mpMessage.STATE_CHANGE_AS4), 4_200_000_000L, 65000,
                        0, 2, peer6, local6, 6, 1),
                new Bgp4mpStateChange(header(MrtType.BGP4MP_ET.code(), Bgp4mpMessage.STATE_CHANGE), 3356, 65000, 0, 1,
                        peer4, local4, 7, 8),
                new Bgp4mpMessage(header(MrtType.BGP.code(), 1), 3356, 65000, 0, 1, peer4, local4,
                        new Update(Nlri.EMPTY, twoOctet, Nlri.of(Prefix.parse("10.0.0.0/8")))),
                new Bgp4mpMessage(header(MrtType.BGP.code(), 7), 3356, 65000, 0, 1, peer4, local4, Keepalive.INSTANCE),
                new Bgp4mpStateChange(header(MrtType.BGP.code(), 3), 3356, 0, 0, 1, peer4, IpAddress.v4(0), 1, 2));
        byte[] wire = mrt(records.toArray(MrtRecord[]::new));
        List<MrtRecord> back = read(wire);
        assertThat(back).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            MrtRecord want = records.get(i), got = back.get(i);
            assertThat(got.header().timeMicros()).isEqualTo(want.header().timeMicros());
            assertThat(got.getClass()).isEqualTo(want.getClass());
            assertThat(mrt(got)).as("record %d re-encodes", i).isEqualTo(mrt(want));
        }
        assertThat(((PeerIndexTable) back.get(2)).viewName()).isEqualTo("view \u00e9");
        assertThat(((PeerIndexTable) back.get(2)).peers().get(1).as()).isEqualTo(4_200_000_000L);
        assertThat(((RibEntries) back.get(4)).entries().get(1).pathId()).isEqualTo(43);
        assertThat(((RibEntries) back.get(4)).entries().get(0).attributes()).hasToString(v6rib.toString());
        assertThat(((Bgp4mpMessage) back.get(7)).message()).isEqualTo(update);
        assertThat(((Bgp4mpMessage) back.get(7)).header().microseconds()).isEqualTo(123_456);
        assertThat(((Bgp4mpStateChange) back.get(11)).newState()).isEqualTo(8);
        assertThat(((Bgp4mpMessage) back.get(12)).message()).isEqualTo(records.get(12) instanceof Bgp4mpMessage m ? m.message() : null);
        // the header's length field is the body written, whatever the record's header said
        assertThat(wire[8] | wire[9] | wire[10]).isZero();
        assertThat(wire[11] & 0xff).isEqualTo(2 + 2 + 18 + (4 + 7 + 7));
    }

    @Test
    void tableDumpBatchSharesOneHeader() throws IOException {
        MrtHeader h = header(MrtType.TABLE_DUMP.code(), 1);
        IpAddress peer = IpAddress.parse("192.0.2.2");
        List<TableDump> batch = List.of(
                new TableDump(h, 0, 9, Prefix.parse("10.0.0.0/8"), 1, 5, peer, 3356, PathAttributes.EMPTY),
                new TableDump(h, 0, 9, Prefix.parse("11.0.0.0/8"), 1, 6, peer, 3356, PathAttributes.EMPTY));
        ByteBuf b = Unpooled.buffer();
        MrtEncoder.encode(batch, b);
        assertThat(b.readableBytes()).isEqualTo(12 + 4 + 2 * 18);
        assertThat(read(ByteBufUtil.getBytes(b))).extracting(r -> ((TableDump) r).prefix().toString())
                .containsExactly("10.0.0.0/8", "11.0.0.0/8");
        assertThatThrownBy(() -> MrtEncoder.encode(List.of(batch.get(0),
                new TableDump(h, 0, 10, Prefix.parse("11.0.0.0/8"), 1, 6, peer, 3356, PathAttributes.EMPTY)), b))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
