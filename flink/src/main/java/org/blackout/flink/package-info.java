/**
 * Blackout as an Apache Flink job (DataStream API): route elements from Kafka (Blackout's record
 * format), the same {@code core} engine and detectors, events and signals to Kafka through a
 * transactional sink, checkpointed in RocksDB.
 *
 * <p>The shape, and what runs in parallel: the Kafka source and the per-peer stage (keyed by collector
 * and peer: it decodes and checks every record, drops damaged ones with their topic offset, and keeps
 * each peer's counters) run at the job's parallelism. The engine stage, which holds the routing state
 * of all peers, per-prefix visibility, the entity signals and the detectors, runs as one keyed task:
 * {@code core}'s engine is one deterministic state machine over the whole feed (an entity's signal
 * reads every peer's table), and it has not been split into per-prefix and per-entity operators yet.
 * It applies elements in the publisher's order (the records' sequence numbers), so bins close exactly
 * as the single-process engine closes them and the events are the same.
 *
 * <p>Exactly-once: the engine's checkpointed state is the log of elements it applied (in RocksDB,
 * keyed by sequence number) and where it stands; after a failure Flink restores the source offsets
 * and that state, the engine is rebuilt by re-applying the log with its output muted (that output was
 * committed before the checkpoint), and the transactional Kafka sink discards what the failed attempt
 * wrote after the checkpoint. The events written are those of an uninterrupted run.
 */
package org.blackout.flink;
