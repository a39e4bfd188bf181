/**
 * Kafka in and out. Route elements travel as Blackout's own records ({@code record}: one element per
 * Kafka record, keyed by collector and peer so one peer's elements stay ordered in one partition,
 * timestamped with the data's time); OpenBMP's raw BMP message bus is read as it is published
 * ({@code openbmp}); {@code io} holds the producer, the consumer (consumer-group offsets are the
 * resume position), the JSON sinks for signals and events, and an in-process KRaft broker.
 */
package org.blackout.kafka;
