package org.blackout.server.api;

import static org.blackout.server.api.Responses.iso;
import static org.blackout.server.api.Responses.noUnknown;

import io.javalin.http.Context;
import java.time.Instant;
import org.blackout.server.store.Store;

/**
 * {@code GET /api/signals}: an entity's timeline over a window, columnar, at the stored bin (from the
 * {@link TimelineCache}) or re-binned by the store; answers are kept in a {@link ResponseCache} until
 * the store changes, and sent gzip-encoded to clients that accept it.
 */
final class SignalResource {
    private static final long MAX_SPAN = 400L * 86400;

    private final Store store;
    private final TimelineCache timelines;
    private final ResponseCache cache = new ResponseCache(64L << 20, 4096);

    SignalResource(Store store) {
        this.store = store;
        // about 56 bytes a bin: at most 3 M bins (a month of 5-minute bins for ~350 entities), a quarter of the heap
        this.timelines = new TimelineCache(store, Math.min(3_000_000L * 56, Runtime.getRuntime().maxMemory() / 4));
    }

    void signals(Context ctx) throws Exception {
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
        ResponseCache.Body c = cache.get(key, gen);
        if (c == null) {
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
            c = new ResponseCache.Body(gen, body);
            if (keep) cache.put(key, c); // answers about nothing stored are not kept: distinct names cannot grow memory
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
}
