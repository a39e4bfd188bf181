package org.blackout.ingest.fetch;

import java.nio.file.Path;

/** What became of one archive file: ready in the cache, or a data gap. */
public sealed interface FetchResult {
    RemoteFile file();

    /** In the cache at {@code path}; {@code downloaded} bytes came over the network in this run (0: from the cache). */
    record Ready(RemoteFile file, Path path, long downloaded) implements FetchResult {}

    /** Not to be had (404, broken after retries, not in the cache offline): the replay goes on without it. */
    record Gap(RemoteFile file, String reason) implements FetchResult {}
}
