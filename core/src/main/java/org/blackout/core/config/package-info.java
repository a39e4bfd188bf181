/**
 * The grammars of setting values shared by every command-line flag and configuration file:
 * durations ({@link org.blackout.core.config.Durations}: {@code 90s}, {@code 5m}, {@code 9h30m},
 * {@code 400d}, ISO-8601) and {@code HOST:PORT} ({@link org.blackout.core.config.HostPort}).
 */
package org.blackout.core.config;
