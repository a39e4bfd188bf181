/**
 * Archive files by collector and time: what exists ({@link org.blackout.ingest.fetch.ArchiveIndex}: the
 * archive's month listings, the bgpkit broker, the cache when offline, or the layout's names alone),
 * which files a time range needs ({@link org.blackout.ingest.fetch.ArchivePlan}), and getting them
 * ({@link org.blackout.ingest.fetch.Downloader}: HTTP with retries, resume and checks, into the
 * {@link org.blackout.ingest.fetch.FileCache}; {@link org.blackout.ingest.fetch.Fetcher} runs several
 * ahead of the replay). A file that cannot be had is a {@link org.blackout.ingest.fetch.FetchResult.Gap},
 * never an error that stops the run.
 */
package org.blackout.ingest.fetch;
