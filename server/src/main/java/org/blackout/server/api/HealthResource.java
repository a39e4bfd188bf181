package org.blackout.server.api;

import static org.blackout.server.api.Responses.JSON;
import static org.blackout.server.api.Responses.iso;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.blackout.server.store.Store;

/** {@code GET /health}: the store, the stored time range and the live status (engine lag, sources). */
final class HealthResource {
    private final Store store;
    private final Supplier<ObjectNode> status;

    HealthResource(Store store, Supplier<ObjectNode> status) {
        this.store = store;
        this.status = status;
    }

    void health(Context ctx) throws SQLException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        o.put("store", store.describe());
        long[] range = store.timeRange();
        if (range != null) {
            o.put("first_bin", iso(range[0]));
            o.put("last_bin", iso(range[1]));
        }
        o.put("bin_seconds", store.binSeconds());
        o.setAll(status.get());
        Responses.json(ctx, o);
    }
}
