package org.blackout.server.api;

import static org.blackout.server.api.Responses.JSON;
import static org.blackout.server.api.Responses.iso;
import static org.blackout.server.api.Responses.noUnknown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.List;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.SignalRow;
import org.blackout.server.store.Store;

/** {@code GET /api/entities} (search by name, code or AS number) and {@code /api/entities/{id}} (with its latest signal). */
final class EntityResource {
    private final Store store;

    EntityResource(Store store) {
        this.store = store;
    }

    void search(Context ctx) throws SQLException {
        noUnknown(ctx, "q", "kind", "limit");
        String q = ctx.queryParam("q");
        if (q != null && q.length() > 64) throw ApiException.badRequest("parameter 'q' is too long");
        String kind = Params.kind(ctx.queryParam("kind"));
        int limit = Params.limit(ctx.queryParam("limit"), 20, 200);
        String needle = q == null ? "" : q.trim();
        // "AS4837" → "as:4837", "KP" stays a name/code search, a prefix is searched as typed
        if (needle.regionMatches(true, 0, "AS", 0, 2) && needle.length() > 2 && needle.substring(2).chars().allMatch(Character::isDigit)) {
            needle = "as:" + needle.substring(2);
        }
        ArrayNode out = JSON.createArrayNode();
        for (EntityRow e : store.searchEntities(needle, kind, limit)) out.add(entityJson(e));
        ObjectNode o = JSON.createObjectNode();
        o.put("query", needle);
        o.set("entities", out);
        Responses.json(ctx, o);
    }

    void one(Context ctx) throws SQLException {
        noUnknown(ctx);
        String id = Params.entity(ctx.pathParam("id"), "id");
        EntityRow e = store.entity(id).orElseThrow(() -> ApiException.notFound("no signals stored for " + id));
        ObjectNode o = entityJson(e);
        long[] range = store.timeRange();
        if (range != null) {
            List<SignalRow> last = store.signals(id, range[1], range[1] + 1, 0);
            if (!last.isEmpty()) o.set("latest", signalJson(last.get(0)));
        }
        Responses.json(ctx, o);
    }

    private static ObjectNode entityJson(EntityRow e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", e.entity());
        o.put("kind", e.kind());
        o.put("name", e.name());
        return o;
    }

    private static ObjectNode signalJson(SignalRow s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", iso(s.t()));
        o.put("visible_slash24", s.visibleSlash24());
        o.put("visible_prefixes", s.visiblePrefixes());
        o.put("peers_seeing", s.peersSeeing());
        o.put("full_feed_peers", s.fullFeedPeers());
        o.put("announcements", s.announcements());
        o.put("withdrawals", s.withdrawals());
        o.set("upstreams", upstreams(s.upstreams()));
        return o;
    }

    private static JsonNode upstreams(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
