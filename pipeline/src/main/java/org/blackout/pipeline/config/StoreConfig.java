package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where signals and events are kept ({@code store:}).
 *
 * @param duckdb      the embedded DuckDB file (used when {@code jdbcUrl} is null)
 * @param jdbcUrl     a PostgreSQL JDBC URL ({@code jdbc:postgresql://127.0.0.1:5432/blackout}); null for DuckDB
 * @param user        PostgreSQL user (null: from the URL)
 * @param password    PostgreSQL password (null: from the URL)
 * @param passwordEnv the environment variable {@code password} was read from, or null (printed instead of the secret)
 * @param retention   rows older than this (data time, from the newest bin) are pruned; null keeps everything
 */
public record StoreConfig(Path duckdb, String jdbcUrl, String user, String password, String passwordEnv, Duration retention) {

    public static StoreConfig duckdb(Path file) {
        return new StoreConfig(file, null, null, null, null, null);
    }

    public static StoreConfig postgres(String url, String user, String password) {
        return new StoreConfig(null, url, user, password, null, null);
    }

    public StoreConfig withRetention(Duration r) {
        return new StoreConfig(duckdb, jdbcUrl, user, password, passwordEnv, r);
    }

    public boolean postgres() {
        return jdbcUrl != null;
    }
}
