package org.blackout.pipeline.config;

import java.nio.file.Path;
import org.blackout.pipeline.PipelineSettings;

/**
 * Blackout's one configuration file, every command's: {@code sources}, {@code entities},
 * {@code watch}, {@code engine}, {@code detectors} (together the {@link PipelineSettings}),
 * {@code store}, {@code http} and {@code alerts}. Read by {@link ConfigLoader}, printed with its
 * defaults filled in by {@link ConfigPrinter}; command-line flags override the same records.
 *
 * @param file     the file read (null when built in code)
 * @param sources  replayed files and live sources
 * @param pipeline the pipeline's settings: entity and policy files, watch, engine, detectors
 */
public record BlackoutConfig(Path file, Sources sources, PipelineSettings pipeline, StoreConfig store, HttpConfig http,
                             AlertConfig alerts) {

    /** Every top-level section, in the order they are printed. */
    public static final String[] SECTIONS = {"sources", "entities", "watch", "engine", "detectors", "store", "http", "alerts"};

    /** No file: no sources, the default pipeline, store ({@code blackout.duckdb}), HTTP side and no alerts. */
    public static BlackoutConfig defaults() {
        return new BlackoutConfig(null, Sources.none(), PipelineSettings.defaults(), StoreConfig.duckdb(Path.of("blackout.duckdb")),
                HttpConfig.defaults(), AlertConfig.none());
    }

    /** Reads and checks a configuration file (a {@link org.blackout.core.config.ConfigException} names the file, line and key). */
    public static BlackoutConfig load(Path file) {
        return ConfigLoader.load(file);
    }

    public BlackoutConfig withPipeline(PipelineSettings p) {
        return new BlackoutConfig(file, sources, p, store, http, alerts);
    }

    public BlackoutConfig withSources(Sources s) {
        return new BlackoutConfig(file, s, pipeline, store, http, alerts);
    }

    public BlackoutConfig withHttp(HttpConfig h) {
        return new BlackoutConfig(file, sources, pipeline, store, h, alerts);
    }
}
