package org.blackout.pipeline.config;

import org.blackout.core.config.HostPort;

/**
 * The HTTP side of {@code serve} ({@code http:}): where it listens (default 127.0.0.1:8080) and the
 * admin token ({@code POST /api/admin/*}; null: read-only).
 *
 * @param tokenEnv the environment variable the token was read from, or null (printed instead of the secret)
 */
public record HttpConfig(HostPort listen, String token, String tokenEnv) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);

    public static HttpConfig defaults() {
        return new HttpConfig(DEFAULT_LISTEN, null, null);
    }

    public HttpConfig withListen(HostPort l) {
        return new HttpConfig(l, token, tokenEnv);
    }
}
