package org.blackout.server.api;

import static org.blackout.server.api.Responses.JSON;
import static org.blackout.server.api.Responses.iso;
import static org.blackout.server.api.Responses.noUnknown;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Store;

/** {@code GET /api/overview}: the dashboard's front page: open and recent events, the day's largest drops. */
final class OverviewResource {
    private final Store store;

    OverviewResource(Store store) {
        this.store = store;
    }

    void overview(Context ctx) throws Exception {
        noUnknown(ctx, "limit");
        int limit = Params.limit(ctx.queryParam("limit"), 10, 100);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode open = o.putArray("open_events");
        for (EventRow e : store.events(null, null, null, null, true, 100)) open.add(EventResource.eventJson(e, false));
        ArrayNode recent = o.putArray("recent_events");
        for (EventRow e : store.events(null, null, null, null, false, 20)) recent.add(EventResource.eventJson(e, false));
        long[] range = store.timeRange();
        ArrayNode drops = o.putArray("largest_drops");
        if (range != null) {
            long to = range[1] + 1, from = to - 86400;
            List<String> ids = new ArrayList<>();
            List<double[]> v = store.drops(from, to, ids, limit);
            for (int i = 0; i < ids.size(); i++) {
                ObjectNode d = drops.addObject();
                d.put("entity", ids.get(i));
                store.entity(ids.get(i)).ifPresent(e -> d.put("name", e.name()));
                d.put("visible_slash24", v.get(i)[0]);
                d.put("max_24h", v.get(i)[1]);
                d.put("ratio", v.get(i)[1] > 0 ? Math.round(v.get(i)[0] / v.get(i)[1] * 10000) / 10000.0 : 1.0);
            }
            o.put("last_bin", iso(range[1]));
        }
        Responses.json(ctx, o);
    }
}
