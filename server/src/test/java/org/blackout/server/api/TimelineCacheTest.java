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
            TimelineCache cache = new TimelineCache(store, 100_000);
            for (int i = 0; i < 5_000; i++) {
                assertThat(cache.get("as:" + (4_000_000_000L + i)).size()).isZero();
            }
            assertThat(cache.size()).as("timelines kept for unknown entities").isZero();
            assertThat(cache.loading()).as("loader locks left behind").isZero();
        }
    }

    @Test
    void storedTimelinesStayWithinTheByteBudget() throws Exception {
        try (Store store = Store.open(StoreConfig.duckdb(dir.resolve("s.duckdb")))) {
            java.util.List<org.blackout.server.store.StoredSignal> rows = new java.util.ArrayList<>();
            for (int e = 0; e < 10; e++) {
                for (int i = 0; i < 2_000; i++) {
                    rows.add(new org.blackout.server.store.StoredSignal("as:" + (64_500 + e), 1_400_000_000L + 300L * i,
                            100 + i % 7, 10, 5, 5, i % 3, i % 2, "{\"" + (i / 500) + "\":1.0}"));
                }
            }
            store.appendSignals(rows);
            long one = cacheOf(store, Long.MAX_VALUE).get("as:64500").bytes();
            assertThat(one).as("2,000 bins at about 56 bytes").isBetween(100_000L, 140_000L);
            TimelineCache cache = cacheOf(store, 3 * one + one / 2);
            for (int e = 0; e < 10; e++) assertThat(cache.get("as:" + (64_500 + e)).size()).isEqualTo(2_000);
            assertThat(cache.size()).isEqualTo(3);
            assertThat(cache.bytes()).isLessThanOrEqualTo(3 * one + one / 2);
            assertThat(cache.cached("as:64509")).as("the latest stays").isTrue();
            assertThat(cache.cached("as:64500")).as("the least recently used went").isFalse();
        }
    }

    static TimelineCache cacheOf(Store store, long budget) {
        return new TimelineCache(store, budget);
    }
}
