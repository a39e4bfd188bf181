/**
 * Blackout's one pipeline: sources → engine → detectors → sinks.
 * {@link org.blackout.pipeline.Pipeline} is the only main-code place an engine and its detectors
 * are built, from one {@link org.blackout.pipeline.PipelineSettings} (engine and detector settings,
 * the watch with its default rule, the {@link org.blackout.pipeline.EntitySources} to load).
 * {@link org.blackout.pipeline.Detection} makes the detectors and their configuration from named
 * settings (the same names in YAML and on the command line). {@code replay}, {@code collect}, {@code serve}, {@code demo} and the
 * accuracy bench all run through here.
 */
package org.blackout.pipeline;
