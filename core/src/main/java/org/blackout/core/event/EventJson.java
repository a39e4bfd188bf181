package org.blackout.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.blackout.core.json.Json;

/**
 * Events as JSON objects, one per line, snake_case field names in the record's order (a published
 * format: a new record component is one line in {@link #fields}). Numbers as {@link Json#number}
 * prints them, times ISO-8601 UTC, absent values null.
 */
public final class EventJson {
    private EventJson() {}

    public static String json(Event e) {
        return Json.string(g -> write(g, e));
    }

    /** A lifecycle line: the snapshot with {@code "phase":"raised|updated|lowered"} first. */
    public static String json(EventSink.Phase phase, Event e) {
        return Json.string(g -> write(g, phase, e));
    }

    /** One event as a JSON object. */
    public static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        fields(g, e);
        g.writeEndObject();
    }

    /** One event as a JSON object with the phase first. */
    public static void write(JsonGenerator g, EventSink.Phase phase, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("phase", phase.json());
        fields(g, e);
        g.writeEndObject();
    }

    /** The event's fields, in the record's order, into an object already started. */
    public static void fields(JsonGenerator g, Event e) throws IOException {
        g.writeStringField("id", e.id());
        g.writeStringField("type", e.type().json());
        g.writeStringField("entity", e.entity());
        Json.time(g, "first_evidence", e.firstEvidence());
        Json.time(g, "raised", e.raised());
        Json.time(g, "lowered", e.lowered());
        g.writeNumberField("duration_s", e.durationS());
        Json.number(g, "severity", e.severity());
        Json.number(g, "depth", e.depth());
        g.writeFieldName("extent");
        extent(g, e.extent());
        g.writeFieldName("upstreams");
        upstreams(g, e.upstreams());
        g.writeArrayFieldStart("evidence");
        for (Evidence v : e.evidence()) evidence(g, v);
        g.writeEndArray();
        g.writeArrayFieldStart("pattern");
        for (Hint h : e.pattern()) g.writeString(h.json());
        g.writeEndArray();
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : e.details().entrySet()) g.writeStringField(d.getKey(), d.getValue());
        g.writeEndObject();
        g.writeStringField("summary", e.summary());
        Json.number(g, "score", e.score());
    }

    static void extent(JsonGenerator g, Extent x) throws IOException {
        g.writeStartObject();
        g.writeNumberField("prefixes", x.prefixes());
        Json.number(g, "slash24", x.slash24());
        g.writeNumberField("addresses", x.addresses());
        g.writeNumberField("peers_agreeing", x.peersAgreeing());
        g.writeNumberField("full_feed_peers", x.fullFeedPeers());
        g.writeNumberField("known_prefixes", x.knownPrefixes());
        g.writeNumberField("peers_carrying", x.peersCarrying());
        g.writeArrayFieldStart("lost");
        for (String p : x.lost()) g.writeString(p);
        g.writeEndArray();
        g.writeEndObject();
    }

    static void upstreams(JsonGenerator g, Upstreams u) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("before");
        for (long as : u.before()) g.writeNumber(as);
        g.writeEndArray();
        g.writeArrayFieldStart("during");
        for (long as : u.during()) g.writeNumber(as);
        g.writeEndArray();
        g.writeEndObject();
    }

    static void evidence(JsonGenerator g, Evidence v) throws IOException {
        g.writeStartObject();
        Json.time(g, "time", v.time());
        g.writeStringField("collector", v.collector());
        g.writeStringField("peer", v.peer());
        g.writeNumberField("peer_as", v.peerAs());
        g.writeStringField("kind", v.kind());
        g.writeStringField("prefix", v.prefix());
        g.writeStringField("as_path", v.asPath());
        g.writeEndObject();
    }
}
