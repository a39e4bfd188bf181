/**
 * The {@code blackout} command (picocli): one class per subcommand, thin. Flags become settings
 * through the option mixins ({@link org.blackout.cli.EngineOptions}, {@link org.blackout.cli.DetectorOptions},
 * {@link org.blackout.cli.EntityOptions}, {@link org.blackout.cli.PolicyOptions}, {@link org.blackout.cli.ArchiveOptions}),
 * applied over the configuration file's {@code PipelineSettings}; the work itself is done by the
 * {@code pipeline}, {@code server}, {@code kafka} and {@code flink} modules. Data goes to stdout,
 * progress and errors to stderr; exit status 2 is a usage or configuration error.
 */
package org.blackout.cli;
