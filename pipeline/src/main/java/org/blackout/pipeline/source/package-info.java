/**
 * Sources feeding a {@link org.blackout.pipeline.Pipeline}: the MRT files of a replay
 * ({@link org.blackout.pipeline.source.MrtInputs}, the one file filter) and the live sources of a
 * collect configuration ({@link org.blackout.pipeline.source.LiveSources}: BGP collector, RIS Live,
 * BMP station, MRT archive, and the wall clock that closes bins on a quiet feed); archives by collector and
 * time range ({@link org.blackout.pipeline.source.ArchiveSelection} → {@link org.blackout.pipeline.source.ArchiveReplay},
 * with a quiet {@link org.blackout.pipeline.source.WarmUp}).
 */
package org.blackout.pipeline.source;
