package org.blackout.ingest.config;

/** What {@code blackout collect} runs; each part is optional (null when absent), at least one source is set. */
public record CollectConfig(CollectorConfig collector, RisLiveConfig risLive, BmpConfig bmp, ArchiveConfig archive) {}
