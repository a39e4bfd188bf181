package org.blackout.kafka.io;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventJson;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Signal;
import org.blackout.core.signal.SignalText;

/**
 * Signals and events to Kafka topics as the JSON lines replay writes ({@code SignalText.json},
 * {@code EventJson.json}): a signal keyed by its entity, an event snapshot keyed by its id with a
 * {@code phase} header (raised, updated, lowered), timestamped with the bin or event time. The last
 * snapshot of an id is the event as {@code replay --events-out} writes it.
 */
public final class KafkaSignalSink implements EngineListener, EventSink.ByPhase, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String signals, events;

    /** @param signals the signal topic, or null for none; {@code events} likewise */
    public KafkaSignalSink(String bootstrap, String signals, String events, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p);
        this.signals = signals;
        this.events = events;
    }

    @Override
    public void signal(Signal s) {
        if (signals == null) return;
        producer.send(new ProducerRecord<>(signals, null, s.time().toEpochMilli(), utf8(s.entity()), utf8(SignalText.json(s))));
    }

    @Override
    public void event(Phase phase, Event e) {
        if (events == null) return;
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(events, null, e.raised().toEpochMilli(), utf8(e.id()),
                utf8(EventJson.json(e)));
        r.headers().add("phase", utf8(phase.json()));
        producer.send(r);
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
