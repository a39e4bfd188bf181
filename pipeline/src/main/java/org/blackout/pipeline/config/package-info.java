/**
 * Blackout's one configuration file: {@link org.blackout.pipeline.config.BlackoutConfig} (sections
 * {@code sources}, {@code entities}, {@code watch}, {@code engine}, {@code detectors}, {@code store},
 * {@code http}, {@code alerts}), read by {@link org.blackout.pipeline.config.ConfigLoader} through
 * {@link org.blackout.core.config.ConfigReader} (one unknown-key check, one
 * {@link org.blackout.core.config.ConfigException} naming file, line and key) and printed with
 * defaults filled in by {@link org.blackout.pipeline.config.ConfigPrinter}. The store and alert
 * settings live here beside the pipeline's because they configure its sinks; the server runs them.
 */
package org.blackout.pipeline.config;
