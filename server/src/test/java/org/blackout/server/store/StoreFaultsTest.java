package org.blackout.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.blackout.core.engine.RoutingView;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.core.entity.EntityMaps;
import org.blackout.core.rib.RoutingState;
import org.blackout.core.signal.EntityIndex;
import org.blackout.core.signal.Signal;
import org.blackout.pipeline.config.StoreConfig;
import org.blackout.wire.net.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk filling up or being read-only, on a real size-limited tmpfs: writes fail with the
 * store's own error, the sink retries the batch while its bounded queue holds the engine back, nothing
 * of a failed batch is ever visible, and writing resumes where it stopped once space returns; or,
 * past the retry limit, ingest stops with the error and the store stays consistent.
 */
class StoreFaultsTest {
    static final int ENTITIES = 40;
    static final long T0 = 1_419_206_400L; // 2014-12-22T00:00Z
    static final String UPSTREAMS = "{\"4837\":0.5,\"3356\":0.25,\"174\":0.125,\"2914\":0.0625}";
    @TempDir Path tmp;

    static final RoutingView VIEW = new RoutingView() {
        final RoutingState routing = new RoutingState();

        public RoutingState routing() {
            return routing;
        }

        public EntityIndex entities() {
            return null;
        }

        public EntityMaps maps() {
            return EntityMaps.empty();
        }

        public long[] originsOf(Prefix p) {
            return new long[0];
        }

        public int peersSeeing(Prefix p) {
            return 0;
        }

        public int fullFeedPeers() {
            return 0;
        }
    };

    /** Bin {@code i}: one signal per entity, closed. */
    static void bin(StoreSink sink, int i) {
        long t = T0 + 300L * i;
        for (int e = 0; e < ENTITIES; e++) {
            sink.signal(new Signal(Instant.ofEpochSecond(t), "as:" + (64_500 + e), 100 + i, 10 + e, 5, 5, i, e, List.of()));
        }
        sink.binClosed(t * 1_000_000L, (t + 300) * 1_000_000L, VIEW);
    }

    /** Bins stored and how many rows each has; every stored bin must have all its rows and end at the checkpoint. */
    static TreeMap<Long, Integer> assertConsistent(Store store) throws SQLException {
        TreeMap<Long, Integer> rows = new TreeMap<>();
        for (int e = 0; e < ENTITIES; e++) {
            for (var r : store.signals("as:" + (64_500 + e), 0, Long.MAX_VALUE / 2, 0)) rows.merge(r.t(), 1, Integer::sum);
        }
        assertThat(rows.values()).as("no bin half-written").allMatch(n -> n == ENTITIES);
        var cp = store.checkpoint("test");
        if (rows.isEmpty()) {
            assertThat(cp).isEmpty();
        } else {
            assertThat(cp).isPresent();
            assertThat(cp.get().binEnd()).as("checkpoint = last stored bin's end").isEqualTo(rows.lastKey() + 300);
            assertThat(rows.size()).as("bins from the first, none missing").isEqualTo((int) ((rows.lastKey() - T0) / 300) + 1);
        }
        return rows;
    }

    static void await(BooleanSupplier ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!ok.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aFullDiskHoldsIngestBackAndWritingResumesWhenSpaceReturns() throws Exception {
        try (Tmpfs disk = new Tmpfs(tmp.resolve("disk"), 24)) {
            Path file = disk.dir.resolve("s.duckdb");
            int total;
            try (Store store = Store.open(StoreConfig.duckdb(file))) {
                StoreSink sink = new StoreSink(store, "test", Long.MIN_VALUE, EntityMaps.empty(),
                        new StoreSink.Retry(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(5)));
                for (int i = 0; i < 5; i++) bin(sink, i);
                sink.flush();
                assertThat(assertConsistent(store)).hasSize(5);
                disk.fill("ballast");
                // the engine's side: 1,000 more bins, more than the queue holds
                AtomicReference<Throwable> producerFailed = new AtomicReference<>();
                Thread engine = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 5; i < 1005; i++) bin(sink, i);
                    } catch (Throwable t) {
                        producerFailed.set(t);
                    }
                });
                await(() -> sink.failing() != null, "a failed write");
                assertThat(sink.failing()).contains("No space left on device");
                await(() -> sink.queueDepth() == 256, "the queue to fill");
                Thread.sleep(500);
                assertThat(engine.isAlive()).as("the engine waits for the store").isTrue();
                assertThat(sink.queueDepth()).as("bounded").isEqualTo(256);
                long failures = sink.failedWrites();
                assertThat(failures).as("retried").isGreaterThan(1);
                TreeMap<Long, Integer> during = assertConsistent(store);
                assertThat(during.size()).as("only whole batches, written before the disk filled").isBetween(5, 1005);
                Files.delete(disk.dir.resolve("ballast"));
                engine.join(60_000);
                assertThat(engine.isAlive()).isFalse();
                assertThat(producerFailed.get()).isNull();
                sink.flush();
                assertThat(sink.failing()).isNull();
                sink.close();
                total = assertConsistent(store).size();
                assertThat(total).as("every bin once").isEqualTo(1005);
                assertThat(store.count("signals")).isEqualTo(1005L * ENTITIES);
            }
            try (Store again = Store.open(StoreConfig.duckdb(file))) {
                assertThat(assertConsistent(again)).as("durable after a reopen").hasSize(total);
            }
        }
    }

    @Test
    void aDiskThatStaysFullStopsIngestCleanlyWithTheStoresError() throws Exception {
        try (Tmpfs disk = new Tmpfs(tmp.resolve("disk"), 24)) {
            Path file = disk.dir.resolve("s.duckdb");
            try (Store store = Store.open(StoreConfig.duckdb(file))) {
                StoreSink sink = new StoreSink(store, "test", Long.MIN_VALUE, EntityMaps.empty(),
                        new StoreSink.Retry(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)));
                for (int i = 0; i < 3; i++) bin(sink, i);
                sink.flush();
                disk.fill("ballast");
                long start = System.nanoTime();
                assertThatThrownBy(() -> {
                    for (int i = 3; i < 100_000; i++) bin(sink, i);
                }).isInstanceOf(IllegalStateException.class).hasMessageContaining("No space left on device")
                        .hasMessageContaining("gave up");
                assertThat((System.nanoTime() - start) / 1_000_000_000L).as("gave up after the retry limit, not at once")
                        .isBetween(1L, 30L);
                assertThatThrownBy(sink::close).hasMessageContaining("No space left on device");
                // the three bins written before, and perhaps one more that fitted in space DuckDB already held
                assertThat(assertConsistent(store).size()).as("whole bins only").isBetween(3, 5);
                // space back: the store itself works again (a restart resumes after the checkpoint)
                Files.delete(disk.dir.resolve("ballast"));
                StoreSink resumed = new StoreSink(store, "test", StoreSink.prepareResume(store, "test"), EntityMaps.empty());
                for (int i = 3; i < 6; i++) bin(resumed, i);
                resumed.close();
                assertThat(assertConsistent(store)).hasSize(6);
            }
        }
    }

    @Test
    void aFailedBatchLeavesNoSignalsBehind() throws Exception {
        try (Store store = Store.open(StoreConfig.duckdb(tmp.resolve("s.duckdb")))) {
            List<StoredSignal> sig = List.of(new StoredSignal("as:64500", T0, 1, 1, 1, 1, 0, 0, "{}"));
            // a batch whose last statement fails (an event row without an id): nothing of it may stay
            var bad = new Rows.EventRow(null, "outage", "as:64500", T0, T0, null, 1, "{}");
            assertThatThrownBy(() -> store.writeBatch(List.of(), sig, List.of(), null, List.of(bad),
                    new Rows.Checkpoint("test", T0 + 300, "x"))).isInstanceOf(SQLException.class);
            assertThat(store.count("signals")).as("signals of the failed batch").isZero();
            assertThat(store.checkpoint("test")).isEmpty();
            store.writeBatch(List.of(), sig, List.of(), null, List.of(), new Rows.Checkpoint("test", T0 + 300, "x"));
            assertThat(store.count("signals")).as("the retried batch, once").isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyStoreIsRefusedAtStartNamingTheFile() throws Exception {
        try (Tmpfs disk = new Tmpfs(tmp.resolve("disk"), 8)) {
            Path file = disk.dir.resolve("s.duckdb");
            try (Store store = Store.open(StoreConfig.duckdb(file))) {
                StoreSink sink = new StoreSink(store, "test", Long.MIN_VALUE, EntityMaps.empty());
                bin(sink, 0);
                sink.close();
            }
            assertThat(disk.remount("ro")).isTrue();
            assertThatThrownBy(() -> Store.open(StoreConfig.duckdb(file))).isInstanceOf(SQLException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("for writing");
            Path fresh = disk.dir.resolve("new/s.duckdb");
            assertThatThrownBy(() -> Store.open(StoreConfig.duckdb(fresh))).isInstanceOf(SQLException.class)
                    .hasMessageContaining(fresh.getParent().toString());
        }
    }
}
