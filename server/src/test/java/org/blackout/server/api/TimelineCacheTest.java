package org.blackout.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.blackout.server.store.Store;
import org.blackout.pipeline.config.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client asking for many names it invents must not grow the server's memory. */
class TimelineCacheTest {
    @TempDir Path dir;

    @Test
    void unknownEntitiesLeaveNothingBehind() throws Exception {
        try (Store store = Store.open(StoreConfig.duckdb(dir.resolve("s.duckdb")))) {
            TimelineCache cache = new TimelineCache(store, 1_000);
            for (int i = 0; i < 5_000; i++) {
                assertThat(cache.get("as:" + (4_000_000_000L + i)).size()).isZero();
            }
            assertThat(cache.size()).as("timelines kept for unknown entities").isZero();
            assertThat(cache.loading()).as("loader locks left behind").isZero();
        }
    }
}
