package org.blackout.flink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Signals to the signals topic keyed by entity, event snapshots to the events topic keyed by event
 * id with a {@code phase} header: the records {@code KafkaSignalSink} writes from a single process.
 * It names its topics (the pooling transaction strategy lists and aborts open transactions on them).
 */
final class OutputSerializer implements KafkaRecordSerializationSchema<Output>, KafkaDatasetFacetProvider {
    private final String events, signals;

    /** @param signals null when signals are not written */
    OutputSerializer(String events, String signals) {
        this.events = events;
        this.signals = signals;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Output o, KafkaSinkContext context, Long timestamp) {
        String topic = Output.EVENT.equals(o.kind) ? events : signals;
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, o.timeMillis,
                o.key.getBytes(StandardCharsets.UTF_8), o.json.getBytes(StandardCharsets.UTF_8));
        if (o.phase != null) r.headers().add("phase", o.phase.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        List<String> topics = new ArrayList<>(List.of(events));
        if (signals != null) topics.add(signals);
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(topics)));
    }
}
