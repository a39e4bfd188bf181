package org.blackout.server.api;

import static org.blackout.server.api.Responses.JSON;
import static org.blackout.server.api.Responses.iso;
import static org.blackout.server.api.Responses.noUnknown;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.blackout.server.store.Rows.FeedEventRow;
import org.blackout.server.store.Rows.PeerRow;
import org.blackout.server.store.Store;

/** {@code GET /api/feeds}: the collectors' peers, their recent feed events and the live sources' status. */
final class FeedResource {
    private final Store store;
    private final Supplier<ObjectNode> status;

    FeedResource(Store store, Supplier<ObjectNode> status) {
        this.store = store;
        this.status = status;
    }

    void feeds(Context ctx) throws SQLException {
        noUnknown(ctx, "limit");
        int limit = Params.limit(ctx.queryParam("limit"), 100, 1000);
        ArrayNode peers = JSON.createArrayNode();
        int up = 0, full = 0, stale = 0;
        for (PeerRow p : store.peers()) {
            ObjectNode o = JSON.createObjectNode();
            o.put("collector", p.collector());
            o.put("address", p.peerAddress());
            o.put("asn", p.peerAs());
            o.put("routes", p.routes());
            o.put("full_feed", p.fullFeed());
            o.put("state", p.state());
            o.put("last_change", p.lastChange() == 0 ? null : iso(p.lastChange()));
            o.put("updated", iso(p.updated()));
            peers.add(o);
            if (p.state().equals("up")) up++;
            if (p.fullFeed()) full++;
            if (p.stale()) stale++;
        }
        ArrayNode events = JSON.createArrayNode();
        for (FeedEventRow f : store.feedEvents(null, null, limit)) {
            ObjectNode o = JSON.createObjectNode();
            o.put("time", iso(f.t()));
            o.put("collector", f.collector());
            o.put("peer", f.peerAddress());
            o.put("asn", f.peerAs());
            o.put("kind", f.kind().toLowerCase());
            o.put("routes", f.routes());
            events.add(o);
        }
        ObjectNode o = JSON.createObjectNode();
        ObjectNode summary = o.putObject("summary");
        summary.put("peers", peers.size());
        summary.put("up", up);
        summary.put("full_feed", full);
        summary.put("stale", stale);
        o.setAll(status.get());
        o.set("peers", peers);
        o.set("feed_events", events);
        Responses.json(ctx, o);
    }
}
