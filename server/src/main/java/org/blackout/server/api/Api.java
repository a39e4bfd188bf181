package org.blackout.server.api;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.blackout.server.store.Rows.EntityRow;
import org.blackout.server.store.Rows.EventRow;
import org.blackout.server.store.Rows.FeedEventRow;
import org.blackout.server.store.Rows.PeerRow;
import org.blackout.server.store.Rows.SignalRow;
import org.blackout.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only JSON API over the store (see openapi.yaml). Parameters are checked by {@link Params}
 * before any query; errors are {@code {"error": code, "message": text, "status": n}} with the matching
 * status, plus {@code "parameter"} (the query parameter at fault) and {@code "valid"} (the values it
 * takes, when they are a short list) for a bad parameter; a 503 never carries the store's SQL text.
 * Timelines are columnar ({@code "t": [...], "visible_slash24": [...]}) as plots want them, and
 * cached until the store changes.
 */
public final class Api {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    /** Reads what older versions stored too: {@code 6.} (a trailing decimal point) and {@code NaN}. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final long MAX_SPAN = 400L * 86400;

    private final Store store;
    private final String token;
    private final Map<String, AdminAction> admin = new LinkedHashMap<>();
    /** Answers by query, least recently used first out, within a byte budget (30-day timelines are 300 kB). */
    private final Map<String, CachedBody> cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedBody> e) {
            if (cachedBytes <= CACHE_BYTES && size() <= 4096) return false;
            cachedBytes -= e.getValue().plain.length;
            return true;
        }
    });
    private static final long CACHE_BYTES = 64L << 20;
    private long cachedBytes; // guarded by cache's lock
    private volatile Status status = () -> JSON.createObjectNode();

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

    /** An answer as bytes; its gzip form is made once, when a client first accepts it. */
    private static final class CachedBody {
        final long generation;
        final byte[] plain;
        private volatile byte[] gzip;

        CachedBody(long generation, byte[] plain) {
            this.generation = generation;
            this.plain = plain;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                var bytes = new java.io.ByteArrayOutputStream(plain.length / 4);
                try (var gz = new java.util.zip.GZIPOutputStream(bytes, 1 << 16)) {
                    gz.write(plain);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                gzip = g = bytes.toByteArray();
            }
            return g;
        }
    }

    private final TimelineCache timelines;

    public Api(Store store, String token) {
        this.store = store;
        this.token = token == null || token.isBlank() ? null : token;
        // about 56 bytes a bin: at most 3 M bins (a month of 5-minute bins for ~350 entities), a quarter of the heap
        this.timelines = new TimelineCache(store, Math.min(3_000_000L * 56, Runtime.getRuntime().maxMemory() / 4));
    }

    /** The shared JSON mapper. */
    public static ObjectMapper json() {
        return JSON;
    }

    public void status(Status s) {
        status = s;
    }

    /** Registers {@code POST /api/admin/{name}}, which needs the bearer token. */
    public void admin(String name, AdminAction action) {
        admin.put(name, action);
    }

    public void routes(JavalinConfig config) {
        var r = config.routes;
        r.get("/health", this::health);
        r.get("/api/entities", this::entities);
        r.get("/api/entities/<id>", this::entity);
        r.get("/api/signals", this::signals);
        r.get("/api/events", this::events);
        r.get("/api/events/<id>", this::event);
        r.get("/api/feeds", this::feeds);
        r.get("/api/overview", this::overview);
        r.post("/api/admin/{action}", this::adminAction);
        r.get("/openapi.yaml", ctx -> {
            try (var in = Api.class.getResourceAsStream("/openapi.yaml")) {
                ctx.contentType("application/yaml").result(in.readAllBytes());
            }
        });
        r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.parameter(), e.valid()));
        r.exception(SQLException.class, (e, ctx) -> {
            // the SQL text stays in the log: it shows the schema and queries, and means nothing to the caller
            LOG.error("query failed on {}: {}", ctx.path(), e.getMessage());
            error(ctx, 503, "store_unavailable", "the store could not answer; try again later (details are in the server log)");
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} failed", ctx.path(), e);
            error(ctx, 500, "internal", "internal error: " + e.getClass().getSimpleName());
        });
        r.error(404, ctx -> {
            String ct = ctx.res().getContentType();
            if (ct == null || !ct.startsWith("application/json")) error(ctx, 404, "not_found", "no such resource: " + ctx.path());
        });
        r.error(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path() + " (the API is read-only)"));
    }

    static void error(Context ctx, int status, String code, String message) {
        error(ctx, status, code, message, null, List.of());
    }

    /** The error body, written by Jackson: {@code {"error", "message", "status"[, "parameter"][, "valid"]}}. */
    static void error(Context ctx, int status, String code, String message, String parameter, List<String> valid) {
        ctx.status(status).contentType("application/json").result(errorBody(status, code, message, parameter, valid));
    }

    /** {@code {"error": code, "message": text, "status": n}}. */
    static String errorBody(int status, String code, String message) {
        return errorBody(status, code, message, null, List.of());
    }

    static String errorBody(int status, String code, String message, String parameter, List<String> valid) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", code);
        o.put("message", message);
        o.put("status", status);
        if (parameter != null) o.put("parameter", parameter);
        if (!valid.isEmpty()) {
            ArrayNode v = o.putArray("valid");
            valid.forEach(v::add);
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(body instanceof String s ? s : body.toString());
    }

    private static void noUnknown(Context ctx, String... allowed) {
        for (String k : ctx.queryParamMap().keySet()) {
            boolean ok = false;
            for (String a : allowed) ok |= a.equals(k);
            if (!ok) {
                throw ApiException.badParameter(k, "unknown parameter '" + k + "' (allowed: "
                        + (allowed.length == 0 ? "none" : String.join(", ", allowed)) + ")", List.of(allowed));
            }
        }
    }

    // ---------------------------------------------------------------- handlers

    private void health(Context ctx) throws SQLException {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        o.put("store", store.describe());
        long[] range = store.timeRange();
        if (range != null) {
            o.put("first_bin", iso(range[0]));
            o.put("last_bin", iso(range[1]));
        }
        o.put("bin_seconds", store.binSeconds());
        o.setAll(status.snapshot());
        json(ctx, o);
    }

    private void entities(Context ctx) throws SQLException {
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
        json(ctx, o);
    }

    private void entity(Context ctx) throws SQLException {
        noUnknown(ctx);
        String id = Params.entity(ctx.pathParam("id"), "id");
        EntityRow e = store.entity(id).orElseThrow(() -> ApiException.notFound("no signals stored for " + id));
        ObjectNode o = entityJson(e);
        long[] range = store.timeRange();
        if (range != null) {
            List<SignalRow> last = store.signals(id, range[1], range[1] + 1, 0);
            if (!last.isEmpty()) o.set("latest", signalJson(last.get(0)));
        }
        json(ctx, o);
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

    private void signals(Context ctx) throws Exception {
        noUnknown(ctx, "entity", "from", "to", "bin");
        String entity = Params.entity(ctx.queryParam("entity"), "entity");
        Long from = Params.time(ctx.queryParam("from"), "from");
        Long to = Params.time(ctx.queryParam("to"), "to");
        Long bin = Params.seconds(ctx.queryParam("bin"), "bin", 60, 86400);
        long stored = store.binSeconds();
        if (bin != null && stored > 0 && bin % stored != 0) {
            throw ApiException.badRequest("parameter 'bin' must be a multiple of the stored bin (" + stored + " s)");
        }
        long[] range = store.timeRange();
        if (to == null) to = range == null ? Instant.now().getEpochSecond() : range[1] + Math.max(stored, 1);
        if (from == null) from = to - 7 * 86400;
        if (from >= to) throw ApiException.badRequest("'from' must be before 'to'");
        if (to - from > MAX_SPAN) throw ApiException.badRequest("time range longer than 400 days; narrow 'from'/'to'");
        long effective = bin == null || bin == stored ? 0 : bin;
        String key = entity + "|" + from + "|" + to + "|" + effective;
        long gen = store.generation();
        CachedBody c = cache.get(key);
        if (c == null || c.generation != gen) {
            byte[] body;
            boolean keep;
            if (effective == 0) {
                Timeline tl = timelines.get(entity);
                body = tl.json(entity, iso(from), iso(to), stored, tl.lowerBound(from), tl.lowerBound(to));
                keep = tl.size() > 0;
            } else {
                Timeline tl = Timeline.of(store.signals(entity, from, to, effective), gen);
                body = tl.json(entity, iso(from), iso(to), effective, 0, tl.size());
                keep = tl.size() > 0;
            }
            // nothing in the window and nothing known about the name: a 404, as /api/entities/{id} answers
            if (!keep && store.entity(entity).isEmpty()) throw ApiException.notFound("no signals stored for " + entity);
            c = new CachedBody(gen, body);
            if (keep) { // answers for unknown entities (nothing stored) are not kept: distinct names cannot grow memory
                synchronized (cache) {
                    CachedBody old = cache.put(key, c);
                    cachedBytes += c.plain.length - (old == null ? 0 : old.plain.length);
                }
            }
        }
        String ae = ctx.header("Accept-Encoding");
        byte[] out = c.plain;
        ctx.header("Vary", "Accept-Encoding"); // caches must not hand the gzip form to a client that did not ask
        if (ae != null && ae.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            out = c.gzip();
        }
        // straight to the servlet stream in one write: Javalin's result(byte[]) copies through a
        // small buffer, which costs several ms per 300 kB answer
        var res = ctx.res();
        res.setContentType("application/json");
        res.setContentLength(out.length);
        res.getOutputStream().write(out);
    }

    private void events(Context ctx) throws Exception {
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
        json(ctx, o);
    }

    private void event(Context ctx) throws Exception {
        noUnknown(ctx);
        String id = Params.eventId(ctx.pathParam("id"));
        EventRow e = store.event(id).orElseThrow(() -> ApiException.notFound("no event " + id));
        json(ctx, eventJson(e, true));
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

    private void feeds(Context ctx) throws SQLException {
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
        o.setAll(status.snapshot());
        o.set("peers", peers);
        o.set("feed_events", events);
        json(ctx, o);
    }

    private void overview(Context ctx) throws Exception {
        noUnknown(ctx, "limit");
        int limit = Params.limit(ctx.queryParam("limit"), 10, 100);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode open = o.putArray("open_events");
        for (EventRow e : store.events(null, null, null, null, true, 100)) open.add(eventJson(e, false));
        ArrayNode recent = o.putArray("recent_events");
        for (EventRow e : store.events(null, null, null, null, false, 20)) recent.add(eventJson(e, false));
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
        json(ctx, o);
    }

    private void adminAction(Context ctx) throws Exception {
        if (token == null) throw new ApiException(403, "read_only", "this server is read-only: configure api.token to allow changes");
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (given == null) throw new ApiException(401, "unauthorized", "missing 'Authorization: Bearer <token>'");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "forbidden", "wrong token");
        }
        String name = ctx.pathParam("action");
        AdminAction a = admin.get(name);
        if (a == null) throw ApiException.notFound("no admin action '" + name + "' (have: " + String.join(", ", admin.keySet()) + ")");
        json(ctx, a.apply(ctx));
    }

    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
