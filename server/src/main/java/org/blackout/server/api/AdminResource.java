package org.blackout.server.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/admin/{action}}: configuration changes behind a bearer token (compared in constant
 * time); without a configured token the server is read-only and every action answers 403.
 */
final class AdminResource {
    private final String token;
    private final Map<String, Api.AdminAction> actions = new LinkedHashMap<>();

    AdminResource(String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    void register(String name, Api.AdminAction action) {
        actions.put(name, action);
    }

    void handle(Context ctx) throws Exception {
        if (token == null) throw new ApiException(403, "read_only", "this server is read-only: configure api.token to allow changes");
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        if (given == null) throw new ApiException(401, "unauthorized", "missing 'Authorization: Bearer <token>'");
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "forbidden", "wrong token");
        }
        String name = ctx.pathParam("action");
        Api.AdminAction a = actions.get(name);
        if (a == null) throw ApiException.notFound("no admin action '" + name + "' (have: " + String.join(", ", actions.keySet()) + ")");
        Responses.json(ctx, a.apply(ctx));
    }
}
