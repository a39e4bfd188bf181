package org.blackout.flink;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where the job reads and writes, and how it runs.
 *
 * @param bootstrap     Kafka bootstrap servers
 * @param elements      the topic of route elements (Blackout's record format)
 * @param events        the events topic (JSON snapshots keyed by event id)
 * @param signals       the signals topic, or null to write none
 * @param group         the consumer group: its committed offsets are where a new job resumes
 * @param bounded       read the elements topic up to the offsets it had at start, then finish (a replay); else run on
 * @param lateness      bounded out-of-orderness of the data's timestamps, for the watermarks
 * @param checkpoint    checkpoint interval
 * @param parallelism   parallelism of the source and the per-peer stage (the engine stage is one task)
 */
public record JobSettings(String bootstrap, String elements, String events, String signals, String group, boolean bounded,
        Duration lateness, Duration checkpoint, int parallelism) implements Serializable {}
