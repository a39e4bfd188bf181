package org.blackout.server.api;

import static org.blackout.server.api.Responses.JSON;
import static org.blackout.server.api.Responses.iso;
import static org.blackout.server.api.Responses.noUnknown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Store;

/** {@code GET /api/events} (filtered by type, entity, time, open, score; by time or score) and {@code /api/events/{id}} (with evidence). */
final class EventResource {
    private final Store store;

    EventResource(Store store) {
        this.store = store;
    }

    void list(Context ctx) throws Exception {
        noUnknown(ctx, "type", "entity", "from", "to", "open", "limit", "min_score", "sort");
        String type = Params.eventType(ctx.queryParam("type"));
        double minScore = 0;
        if (ctx.queryParam("min_score") != null) {
            try {
                minScore = Double.parseDouble(ctx.queryParam("min_score"));
            } catch (NumberFormatException ex) {
                minScore = Double.NaN;
            }
            if (!(minScore >= 0 && minScore < 1e6)) {
                throw ApiException.badParameter("min_score", "'min_score' must be a number from 0 (every event) up; got '"
                        + ctx.queryParam("min_score") + "'", List.of());
            }
        }
        String sort = ctx.queryParam("sort") == null ? "time" : ctx.queryParam("sort");
        if (!sort.equals("time") && !sort.equals("score")) {
            throw ApiException.badParameter("sort", "'sort' must be time or score; got '" + sort + "'", List.of("time", "score"));
        }
        String entity = ctx.queryParam("entity") == null ? null : Params.entity(ctx.queryParam("entity"), "entity");
        Long from = Params.time(ctx.queryParam("from"), "from");
        Long to = Params.time(ctx.queryParam("to"), "to");
        if (from != null && to != null && from >= to) throw ApiException.badRequest("'from' must be before 'to'");
        Boolean open = Params.bool(ctx.queryParam("open"), "open");
        int limit = Params.limit(ctx.queryParam("limit"), 100, 1000);
        // significant events first: filter on the score, optionally order by it
        boolean byScore = minScore > 0 || sort.equals("score");
        List<ObjectNode> rows = new ArrayList<>();
        for (EventRow e : store.events(type, entity, from, to, open, byScore ? 1000 : limit)) {
            ObjectNode n = eventJson(e, false);
            if (n.path("score").asDouble(0) >= minScore) rows.add(n);
        }
        if (sort.equals("score")) rows.sort((a, b) -> Double.compare(b.path("score").asDouble(0), a.path("score").asDouble(0)));
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode n : rows.subList(0, Math.min(limit, rows.size()))) out.add(n);
        ObjectNode o = JSON.createObjectNode();
        o.put("count", out.size());
        o.set("events", out);
        Responses.json(ctx, o);
    }

    void one(Context ctx) throws Exception {
        noUnknown(ctx);
        String id = Params.eventId(ctx.pathParam("id"));
        EventRow e = store.event(id).orElseThrow(() -> ApiException.notFound("no event " + id));
        Responses.json(ctx, eventJson(e, true));
    }

    /** The stored body, with the indexed fields on top; evidence only when asked (it can be long). */
    static ObjectNode eventJson(EventRow e, boolean evidence) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", e.id());
        o.put("type", e.type());
        o.put("entity", e.entity());
        o.put("first_evidence", iso(e.firstEvidence()));
        o.put("raised", iso(e.raised()));
        if (e.lowered() == null) o.putNull("lowered");
        else o.put("lowered", iso(e.lowered()));
        o.put("open", e.lowered() == null);
        o.put("severity", e.severity());
        JsonNode body = JSON.readTree(e.body());
        if (body instanceof ObjectNode b) {
            b.fieldNames().forEachRemaining(f -> {
                if (!o.has(f) && (evidence || !f.equals("evidence"))) o.set(f, b.get(f));
            });
        }
        return o;
    }
}
