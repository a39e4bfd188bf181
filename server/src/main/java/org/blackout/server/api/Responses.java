package org.blackout.server.api;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * What every resource answers with: the JSON mapper, JSON bodies, the one error body and the check
 * that a request names only the parameters its resource takes.
 */
final class Responses {
    /** Reads what older versions stored too: {@code 6.} (a trailing decimal point) and {@code NaN}. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Responses() {}

    static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(body instanceof String s ? s : body.toString());
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

    /** A 400 naming the first query parameter that is not one of {@code allowed}. */
    static void noUnknown(Context ctx, String... allowed) {
        for (String k : ctx.queryParamMap().keySet()) {
            boolean ok = false;
            for (String a : allowed) ok |= a.equals(k);
            if (!ok) {
                throw ApiException.badParameter(k, "unknown parameter '" + k + "' (allowed: "
                        + (allowed.length == 0 ? "none" : String.join(", ", allowed)) + ")", List.of(allowed));
            }
        }
    }

    static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
