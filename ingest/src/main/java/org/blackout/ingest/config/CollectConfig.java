package org.blackout.ingest.config;

/** The live sources ({@code sources:} in the configuration); each part is optional (null when absent), at least one source is set. */
public record CollectConfig(CollectorConfig collector, RisLiveConfig risLive, BmpConfig bmp, ArchiveConfig archive) {}
