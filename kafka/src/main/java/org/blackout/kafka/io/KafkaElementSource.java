package org.blackout.kafka.io;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.blackout.kafka.openbmp.OpenBmpHeader;
import org.blackout.kafka.openbmp.OpenBmpRawDecoder;
import org.blackout.kafka.record.ElementCodec;
import org.blackout.kafka.record.ElementRecord;
import org.blackout.wire.DecodeException;
import org.blackout.wire.element.ElementSink;

/**
 * Reads route elements from Kafka into an {@link ElementSink}: Blackout's own records and OpenBMP
 * raw BMP records, told apart per record by OpenBMP's magic number, from the topics named or
 * matching a pattern (e.g. {@code routeviews\..*\.bmp_raw}). The consumer group's committed offsets
 * are the resume position: offsets are committed after the records they cover were handed on, so a
 * restarted reader continues where the last one stopped (a crash repeats at most the last poll).
 * A record that does not decode is reported with its topic, partition and offset, and skipped.
 */
public final class KafkaElementSource implements AutoCloseable {
    /** Where damaged records are reported. */
    public interface Errors {
        void damaged(String topic, int partition, long offset, DecodeException e);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OpenBmpRawDecoder openBmp = new OpenBmpRawDecoder();
    private long records, skipped;

    /**
     * @param group the consumer group: its committed offsets are where reading resumes; with none, from the earliest
     */
    public KafkaElementSource(String bootstrap, String group, Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.putAll(overrides);
        this.consumer = new KafkaConsumer<>(p);
    }

    public KafkaElementSource subscribe(List<String> topics) {
        consumer.subscribe(topics);
        return this;
    }

    public KafkaElementSource subscribe(Pattern topics) {
        consumer.subscribe(topics);
        return this;
    }

    /**
     * Polls and delivers until {@code stop} says so; offsets are committed after each poll's records
     * were delivered. Returns the records read.
     */
    public long run(ElementSink sink, Errors errors, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
            if (batch.isEmpty()) continue;
            for (ConsumerRecord<byte[], byte[]> r : batch) deliver(r, sink, errors);
            consumer.commitSync();
        }
        return records;
    }

    /** Polls until {@code idle} passes without a record (the end of what the topics hold now). */
    public long drain(ElementSink sink, Errors errors, Duration idle) {
        long[] last = {System.nanoTime()};
        long before = records;
        return run((c, e) -> {
            last[0] = System.nanoTime();
            sink.accept(c, e);
        }, (t, p, o, ex) -> {
            last[0] = System.nanoTime();
            errors.damaged(t, p, o, ex);
        }, () -> {
            if (records != before && System.nanoTime() - last[0] > idle.toNanos()) return true;
            return records == before && System.nanoTime() - last[0] > idle.toNanos() * 10;
        });
    }

    private void deliver(ConsumerRecord<byte[], byte[]> r, ElementSink sink, Errors errors) {
        records++;
        byte[] v = r.value();
        try {
            if (v != null && isOpenBmp(v)) {
                openBmp.accept(v, sink);
            } else if (v != null) {
                ElementRecord e = ElementCodec.decode(v);
                sink.accept(e.collector(), e.element());
            }
        } catch (DecodeException e) {
            skipped++;
            errors.damaged(r.topic(), r.partition(), r.offset(), e);
        }
    }

    public long records() {
        return records;
    }

    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** Whether a record value starts with OpenBMP's magic number ("OBMP"); Blackout's records start with version 1. */
    static boolean isOpenBmp(byte[] v) {
        return v.length >= 4 && ((v[0] & 0xff) << 24 | (v[1] & 0xff) << 16 | (v[2] & 0xff) << 8 | (v[3] & 0xff)) == OpenBmpHeader.MAGIC;
    }
}
