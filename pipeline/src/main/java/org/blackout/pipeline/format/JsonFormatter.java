package org.blackout.pipeline.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HexFormat;
import org.blackout.core.json.Json;
import org.blackout.wire.bgp.Aggregator;
import org.blackout.wire.bgp.As4Aggregator;
import org.blackout.wire.bgp.Communities;
import org.blackout.wire.bgp.ExtendedCommunities;
import org.blackout.wire.bgp.LargeCommunities;
import org.blackout.wire.bgp.LocalPref;
import org.blackout.wire.bgp.MultiExitDisc;
import org.blackout.wire.bgp.Origin;
import org.blackout.wire.bgp.PathAttributes;
import org.blackout.wire.bgp.Rfc7606Action;
import org.blackout.wire.element.ElementType;
import org.blackout.wire.element.RouteElement;
import org.blackout.wire.net.IpAddress;

/**
 * One JSON object per route element, one per line, written by Jackson's streaming generator. Keys:
 * time (seconds, microsecond decimals), type (announce/withdraw/rib/state), peer, peer_as, then
 * prefix and path_id for routes, attributes for announcements and RIB entries (as_path, origin,
 * next_hop, local_pref, med, communities, large_communities, extended_communities, atomic_aggregate,
 * aggregator), rfc7606 (action and reason) when an attribute was malformed, old_state/new_state for
 * state changes.
 */
public final class JsonFormatter {
    private static final HexFormat HEX = HexFormat.of();
    private final JsonGenerator g;
    /** IPv4 addresses and communities as ASCII bytes, handed to the generator without a String. */
    private final AsciiOut text = AsciiOut.scratch();
    private long lines;

    public JsonFormatter(OutputStream out) {
        try {
            g = Json.FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long lines() {
        return lines;
    }

    /** Writes out what is buffered (the stream is left open). */
    public void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void accept(RouteElement e) {
        try {
            write(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        lines++;
    }

    private void write(RouteElement e) throws IOException {
        g.writeStartObject();
        g.writeFieldName("time");
        g.writeNumber(BigDecimal.valueOf(e.timeMicros(), 6));
        g.writeStringField("type", switch (e.type()) {
            case ANNOUNCE -> "announce";
            case WITHDRAW -> "withdraw";
            case RIB -> "rib";
            case STATE -> "state";
        });
        g.writeFieldName("peer");
        ip(e.peerAddress());
        g.writeNumberField("peer_as", e.peerAs());
        if (e.prefix() != null) {
            g.writeStringField("prefix", e.prefix().toString());
            g.writeNumberField("path_id", e.pathId());
        }
        PathAttributes a = e.attributes();
        if (a != null) attributes(e, a);
        if (e.type() == ElementType.STATE) {
            g.writeNumberField("old_state", e.oldState());
            g.writeNumberField("new_state", e.newState());
        }
        g.writeEndObject();
        g.writeRaw('\n'); // JSON lines: one object per line
    }

    private void attributes(RouteElement e, PathAttributes a) throws IOException {
        g.writeStringField("as_path", a.asPath().toString());
        Origin o = a.origin();
        if (o != null) g.writeStringField("origin", o.label());
        IpAddress nh = e.prefix() != null ? a.nextHopFor(e.prefix()) : a.nextHop();
        if (nh != null) {
            g.writeFieldName("next_hop");
            ip(nh);
        }
        LocalPref lp = a.localPref();
        if (lp != null) g.writeNumberField("local_pref", lp.value());
        MultiExitDisc med = a.med();
        if (med != null) g.writeNumberField("med", med.value());
        Communities c = a.communities();
        if (c != null) {
            g.writeArrayFieldStart("communities");
            for (int v : c.values()) ascii(text.reset().num((v >>> 16) & 0xffff).ch(':').num(v & 0xffff));
            g.writeEndArray();
        }
        LargeCommunities lc = a.largeCommunities();
        if (lc != null) {
            g.writeArrayFieldStart("large_communities");
            int[] v = lc.values();
            for (int i = 0; i + 2 < v.length; i += 3) {
                ascii(text.reset().num(v[i] & 0xffffffffL).ch(':').num(v[i + 1] & 0xffffffffL).ch(':').num(v[i + 2] & 0xffffffffL));
            }
            g.writeEndArray();
        }
        ExtendedCommunities ec = a.extendedCommunities();
        if (ec != null) {
            g.writeArrayFieldStart("extended_communities");
            for (long v : ec.values()) g.writeString(HEX.toHexDigits(v));
            g.writeEndArray();
        }
        if (a.atomicAggregate() != null) g.writeBooleanField("atomic_aggregate", true);
        Aggregator ag = a.aggregator();
        As4Aggregator ag4 = a.as4Aggregator();
        if (ag != null) {
            boolean use4 = ag4 != null && ag.as() == 23456;
            g.writeObjectFieldStart("aggregator");
            g.writeNumberField("as", use4 ? ag4.as() : ag.as());
            g.writeFieldName("address");
            ip(use4 ? ag4.address() : ag.address());
            g.writeEndObject();
        }
        if (a.action() != Rfc7606Action.NONE) {
            g.writeObjectFieldStart("rfc7606");
            g.writeStringField("action", a.action().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("reason", a.reason());
            g.writeEndObject();
        }
    }

    private void ip(IpAddress a) throws IOException {
        if (a == null) g.writeNull();
        else if (a.v6()) g.writeString(a.toString());
        else ascii(text.reset().ipv4(a.v4Address()));
    }

    /** A JSON string of the scratch buffer's ASCII (the generator escapes it). */
    private void ascii(AsciiOut t) throws IOException {
        g.writeUTF8String(t.buffer(), 0, t.length());
    }
}
