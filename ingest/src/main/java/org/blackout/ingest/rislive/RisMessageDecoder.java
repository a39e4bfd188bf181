package org.blackout.ingest.rislive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.blackout.ingest.bgp.BgpPeer;
import org.blackout.ingest.bgp.FeedEvent;
import org.blackout.wire.DecodeException;
import org.blackout.wire.bgp.AsPath;
import org.blackout.wire.bgp.AsPathAttr;
import org.blackout.wire.bgp.BgpDecoder;
import org.blackout.wire.bgp.BgpEncoder;
import org.blackout.wire.bgp.BgpMessage;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.MpReachNlri;
import org.blackout.wire.bgp.MpUnreachNlri;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.NextHop;
import org.blackout.wire.bgp.Nlri;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttribute;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.bgp.Update;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.mrt.Bgp4mpMessage;
import org.blackout.wire.mrt.MrtHeader;
import org.blackout.wire.mrt.MrtType;
import org.blackout.wire.mrt.RouteElements;
import org.blackout.wire.net.IpAddress;
import org.blackout.wire.net.Prefix;

/**
 * Turns RIS Live JSON messages into feed events. An UPDATE is decoded from its {@code raw} hex by the
 * wire decoder when present (exact: every attribute, RFC 7606 verdict), else rebuilt from the JSON
 * fields (path, origin, community, med, announcements, withdrawals) and encoded, so the archive still
 * gets a BGP message. RIS_PEER_STATE becomes a state change; OPEN, NOTIFICATION, KEEPALIVE and
 * errors yield nothing. Not thread-safe.
 */
public final class RisMessageDecoder {
    /** What one JSON text became. */
    public sealed interface Result {
        record Events(List<FeedEvent> events) implements Result {}

        /** A message that carries no routes (OPEN, KEEPALIVE, ...) or a ris_error / pong. */
        record Ignored(String what) implements Result {}

        record Malformed(String why) implements Result {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IpAddress ANY4 = IpAddress.v4(0);
    private final RouteElements flattener = new RouteElements();
    private long fromRaw, fromJson;

    public long decodedFromRaw() {
        return fromRaw;
    }

    public long decodedFromJson() {
        return fromJson;
    }

    public Result decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Result.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) return new Result.Malformed("not a JSON object");
        String type = root.path("type").asText();
        JsonNode d = root.path("data");
        switch (type) {
            case "ris_message" -> { }
            case "ris_error" -> {
                return new Result.Ignored("ris_error: " + d.path("message").asText());
            }
            default -> {
                return new Result.Ignored(type);
            }
        }
        try {
            return message(d);
        } catch (RuntimeException e) {
            return new Result.Malformed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Result message(JsonNode d) {
        String mtype = d.path("type").asText();
        if (!d.hasNonNull("peer") || !d.hasNonNull("timestamp")) return new Result.Malformed("no peer or timestamp");
        IpAddress peerAddr = IpAddress.parse(d.get("peer").asText());
        long peerAs = Long.parseLong(d.path("peer_asn").asText("0"));
        long t = Math.round(d.get("timestamp").asDouble() * 1_000_000);
        BgpPeer peer = new BgpPeer(d.path("host").asText("rislive"), peerAddr, peerAs, peerAddr.v6() ? IpAddress.v6(0, 0) : ANY4, 0, true, false, null);
        return switch (mtype) {
            case "UPDATE" -> update(d, peer, t);
            case "RIS_PEER_STATE" -> peerState(d, peer, t);
            default -> new Result.Ignored(mtype);
        };
    }

    private Result peerState(JsonNode d, BgpPeer peer, long t) {
        String s = d.path("state").asText();
        int from, to;
        switch (s) {
            case "connected", "up" -> {
                from = 5;
                to = 6;
            }
            case "down" -> {
                from = 6;
                to = 1;
            }
            default -> {
                return new Result.Ignored("RIS_PEER_STATE " + s);
            }
        }
        RouteElement e = new RouteElement(t, ElementType.STATE, peer.peerAddress(), peer.peerAs(), null, 0, null, from, to);
        return new Result.Events(List.of(new FeedEvent.StateChange(peer, t, from, to, List.of(e))));
    }

    private Result update(JsonNode d, BgpPeer peer, long t) {
        List<byte[]> raws = new ArrayList<>();
        String hex = d.path("raw").asText(null);
        Update decoded = null;
        if (hex != null) {
            try {
                byte[] raw = HexFormat.of().parseHex(hex);
                BgpMessage m = BgpDecoder.decodeMessage(Unpooled.wrappedBuffer(raw), 0, raw.length, true, false);
                if (m instanceof Update u) {
                    decoded = u;
                    raws.add(raw);
                    fromRaw++;
                }
            } catch (IllegalArgumentException | DecodeException e) {
                decoded = null; // fall back to the JSON fields
            }
        }
        List<Update> updates = new ArrayList<>();
        if (decoded != null) {
            updates.add(decoded);
        } else {
            updates.addAll(fromJson(d));
            for (Update u : updates) {
                ByteBuf b = Unpooled.buffer(256);
                BgpEncoder.encode(u, b);
                raws.add(ByteBufUtil.getBytes(b));
            }
            fromJson++;
        }
        List<FeedEvent> events = new ArrayList<>(updates.size());
        MrtHeader h = new MrtHeader(Math.floorDiv(t, 1_000_000), MrtType.BGP4MP_ET.code(), Bgp4mpMessage.MESSAGE_AS4, 0,
                (int) Math.floorMod(t, 1_000_000));
        for (int i = 0; i < updates.size(); i++) {
            Update u = updates.get(i);
            List<RouteElement> els = new ArrayList<>();
            flattener.accept(new Bgp4mpMessage(h, peer.peerAs(), 0, 0, peer.peerAddress().v6() ? 2 : 1,
                    peer.peerAddress(), peer.localAddress(), u), els::add);
            events.add(new FeedEvent.Message(peer, t, raws.get(i), u, els));
        }
        return new Result.Events(events);
    }

    /** One UPDATE per announcement (next hop) group; the withdrawals ride on the first. */
    static List<Update> fromJson(JsonNode d) {
        List<PathAttribute> common = new ArrayList<>();
        common.add(new Origin(0x40, switch (d.path("origin").asText("incomplete")) {
            case "igp", "IGP" -> Origin.IGP;
            case "egp", "EGP" -> Origin.EGP;
            default -> Origin.INCOMPLETE;
        }));
        common.add(new AsPathAttr(0x40, path(d.path("path")), true));
        if (d.hasNonNull("med")) common.add(new MultiExitDisc(0x80, d.get("med").asLong()));
        JsonNode comm = d.path("community");
        if (comm.isArray() && !comm.isEmpty()) {
            int[] v = new int[comm.size()];
            for (int i = 0; i < v.length; i++) v[i] = (comm.get(i).get(0).asInt() << 16) | (comm.get(i).get(1).asInt() & 0xffff);
            common.add(new Communities(0xc0, v));
        }
        List<Prefix> w4 = new ArrayList<>(), w6 = new ArrayList<>();
        for (JsonNode w : d.path("withdrawals")) {
            Prefix p = Prefix.parse(w.asText());
            (p.v6() ? w6 : w4).add(p);
        }
        List<Update> out = new ArrayList<>();
        Nlri withdrawn = nlri(w4);
        MpUnreachNlri unreach = w6.isEmpty() ? null
                : new MpUnreachNlri(0x80, MpReachNlri.AFI_IPV6, MpReachNlri.SAFI_UNICAST, nlri(w6), new byte[0]);
        for (JsonNode a : d.path("announcements")) {
            IpAddress nh = IpAddress.parse(a.path("next_hop").asText().split(",")[0].trim());
            List<Prefix> p4 = new ArrayList<>(), p6 = new ArrayList<>();
            for (JsonNode p : a.path("prefixes")) {
                Prefix x = Prefix.parse(p.asText());
                (x.v6() ? p6 : p4).add(x);
            }
            List<PathAttribute> attrs = new ArrayList<>(common);
            if (!p4.isEmpty()) attrs.add(new NextHop(0x40, nh.v6() ? ANY4 : nh));
            if (!p6.isEmpty()) {
                byte[] nhBytes = new byte[16];
                Unpooled.wrappedBuffer(nhBytes).setLong(0, nh.hi()).setLong(8, nh.lo());
                attrs.add(new MpReachNlri(0x80, MpReachNlri.AFI_IPV6, MpReachNlri.SAFI_UNICAST, nhBytes, nh, null, 0,
                        nlri(p6), new byte[0], false));
            }
            if (unreach != null && out.isEmpty()) attrs.add(unreach);
            out.add(new Update(out.isEmpty() ? withdrawn : Nlri.EMPTY, new PathAttributes(attrs, Rfc7606Action.NONE, null),
                    nlri(p4)));
        }
        if (out.isEmpty() && (!w4.isEmpty() || unreach != null)) {
            out.add(new Update(withdrawn, unreach == null ? PathAttributes.EMPTY
                    : new PathAttributes(List.of(unreach), Rfc7606Action.NONE, null), Nlri.EMPTY));
        }
        return out;
    }

    private static Nlri nlri(List<Prefix> l) {
        return l.isEmpty() ? Nlri.EMPTY : new Nlri(l.toArray(Prefix[]::new), null);
    }

    /** RIS Live paths: numbers for AS_SEQUENCE members, a nested array for an AS_SET. */
    static AsPath path(JsonNode p) {
        List<AsPath.Segment> segs = new ArrayList<>();
        List<Long> seq = new ArrayList<>();
        for (JsonNode x : p) {
            if (x.isArray()) {
                if (!seq.isEmpty()) {
                    segs.add(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, seq.stream().mapToLong(Long::longValue).toArray()));
                    seq.clear();
                }
                long[] set = new long[x.size()];
                for (int i = 0; i < set.length; i++) set[i] = x.get(i).asLong();
                segs.add(new AsPath.Segment(AsPath.SegmentType.AS_SET, set));
            } else {
                seq.add(x.asLong());
            }
        }
        if (!seq.isEmpty()) segs.add(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, seq.stream().mapToLong(Long::longValue).toArray()));
        return new AsPath(segs);
    }
}
