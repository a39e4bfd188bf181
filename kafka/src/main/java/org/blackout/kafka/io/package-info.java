/**
 * Kafka clients around the pipeline: {@link org.blackout.kafka.io.ElementPublisher} (any source's
 * elements to a topic), {@link org.blackout.kafka.io.KafkaElementSource} (Blackout's topic or
 * OpenBMP raw topics to an {@code ElementSink}, resuming from the consumer group's committed
 * offsets), {@link org.blackout.kafka.io.KafkaSignalSink} (signals and events as the JSON lines
 * replay writes) and {@link org.blackout.kafka.io.EmbeddedKafka} (an in-process KRaft broker for
 * local runs and tests).
 */
package org.blackout.kafka.io;
