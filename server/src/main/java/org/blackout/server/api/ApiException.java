package org.blackout.server.api;

import java.util.List;

/**
 * A request the API refuses, with the HTTP status and a message meant for the caller; for a bad
 * parameter also its name and, where they are a short list, the values it accepts.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String parameter;
    private final List<String> valid;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, List.of());
    }

    public ApiException(int status, String code, String message, String parameter, List<String> valid) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.valid = List.copyOf(valid);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    /** 400 for parameter {@code name}; {@code valid} lists the accepted values (empty when they are not a list). */
    public static ApiException badParameter(String name, String message, List<String> valid) {
        return new ApiException(400, "bad_request", message, name, valid);
    }

    /** The parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }

    /** The values the parameter accepts (empty when not a short list). */
    public List<String> valid() {
        return valid;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
