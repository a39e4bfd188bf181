package org.blackout.kafka.io;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.wire.element.ElementSink;
import org.blackout.wire.element.RouteElement;

/**
 * An {@link ElementSink} that publishes every element to a topic in Blackout's record format: key =
 * collector + peer (one peer's elements stay ordered in one partition), record timestamp = the
 * data's time, value numbered in the order accepted (the sequence a consumer restores the order by).
 * Idempotent producer, lz4 batches. {@link #close} flushes; a send that failed is thrown there.
 */
public final class ElementPublisher implements ElementSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private long seq;

    public ElementPublisher(String bootstrap, String topic, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    @Override
    public void accept(String collector, RouteElement e) {
        Exception f = failed.get();
        if (f != null) throw new IllegalStateException("publishing to " + topic + " failed: " + f.getMessage(), f);
        long ms = Math.floorDiv(e.timeMicros(), 1000L);
        producer.send(new ProducerRecord<>(topic, null, ms, ElementCodec.key(collector, e), ElementCodec.encode(seq++, collector, e)),
                (meta, ex) -> {
                    if (ex != null) failed.compareAndSet(null, ex);
                });
    }

    /** Elements accepted so far. */
    public long published() {
        return seq;
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
        Exception f = failed.get();
        if (f != null) throw new IllegalStateException("publishing to " + topic + " failed: " + f.getMessage(), f);
    }
}
