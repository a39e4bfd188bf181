package org.blackout.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import org.blackout.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only JSON API over the store (see openapi.yaml). Parameters are checked by {@link Params}
 * before any query; errors are {@code {"error": code, "message": text, "status": n}} with the matching
 * status, plus {@code "parameter"} (the query parameter at fault) and {@code "valid"} (the values it
 * takes, when they are a short list) for a bad parameter; a 503 never carries the store's SQL text.
 * Timelines are columnar ({@code "t": [...], "visible_slash24": [...]}) as plots want them, and
 * cached until the store changes. This class is the router: one resource class per path
 * ({@link HealthResource}, {@link EntityResource}, {@link SignalResource}, {@link EventResource},
 * {@link FeedResource}, {@link OverviewResource}), the admin actions behind their token
 * ({@link AdminResource}) and the shared answers ({@link Responses}).
 */
public final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private volatile Status status = () -> Responses.JSON.createObjectNode();
    private final HealthResource health;
    private final EntityResource entities;
    private final SignalResource signals;
    private final EventResource events;
    private final FeedResource feeds;
    private final OverviewResource overview;
    private final AdminResource admin;

    /** Live state the store does not hold (engine lag, sources): merged into /health and /api/feeds. */
    @FunctionalInterface
    public interface Status {
        ObjectNode snapshot();
    }

    /** A configuration change behind the token: gets the request, answers JSON. */
    @FunctionalInterface
    public interface AdminAction {
        JsonNode apply(Context ctx) throws Exception;
    }

    public Api(Store store, String token) {
        this.health = new HealthResource(store, () -> status.snapshot());
        this.entities = new EntityResource(store);
        this.signals = new SignalResource(store);
        this.events = new EventResource(store);
        this.feeds = new FeedResource(store, () -> status.snapshot());
        this.overview = new OverviewResource(store);
        this.admin = new AdminResource(token);
    }

    /** The shared JSON mapper. */
    public static ObjectMapper json() {
        return Responses.JSON;
    }

    public void status(Status s) {
        status = s;
    }

    /** Registers {@code POST /api/admin/{name}}, which needs the bearer token. */
    public void admin(String name, AdminAction action) {
        admin.register(name, action);
    }

    public void routes(JavalinConfig config) {
        var r = config.routes;
        r.get("/health", health::health);
        r.get("/api/entities", entities::search);
        r.get("/api/entities/<id>", entities::one);
        r.get("/api/signals", signals::signals);
        r.get("/api/events", events::list);
        r.get("/api/events/<id>", events::one);
        r.get("/api/feeds", feeds::feeds);
        r.get("/api/overview", overview::overview);
        r.post("/api/admin/{action}", admin::handle);
        r.get("/openapi.yaml", ctx -> {
            try (var in = Api.class.getResourceAsStream("/openapi.yaml")) {
                ctx.contentType("application/yaml").result(in.readAllBytes());
            }
        });
        r.exception(ApiException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.code(), e.getMessage(), e.parameter(), e.valid()));
        r.exception(SQLException.class, (e, ctx) -> {
            // the SQL text stays in the log: it shows the schema and queries, and means nothing to the caller
            LOG.error("query failed on {}: {}", ctx.path(), e.getMessage());
            Responses.error(ctx, 503, "store_unavailable", "the store could not answer; try again later (details are in the server log)");
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} failed", ctx.path(), e);
            Responses.error(ctx, 500, "internal", "internal error: " + e.getClass().getSimpleName());
        });
        r.error(404, ctx -> {
            String ct = ctx.res().getContentType();
            if (ct == null || !ct.startsWith("application/json")) Responses.error(ctx, 404, "not_found", "no such resource: " + ctx.path());
        });
        r.error(405, ctx -> Responses.error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path() + " (the API is read-only)"));
    }
}
