package org.blackout.flink;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.blackout.kafka.record.ElementCodec;

/**
 * The job's graph: Kafka elements → per-peer stage (keyed by collector and peer, parallel) → engine
 * stage (one keyed task) → transactional Kafka sink (signals and events topics). Timestamps and
 * watermarks come from the data's time in each record.
 */
public final class BlackoutJob {
    private BlackoutJob() {}

    public static void build(StreamExecutionEnvironment env, JobSettings s, PipelineFactory factory) {
        build(env, s, factory, UnaryOperator.identity());
    }

    /** {@code tap} sees the element records between the source and the per-peer stage (tests inject failures there). */
    static void build(StreamExecutionEnvironment env, JobSettings s, PipelineFactory factory, UnaryOperator<DataStream<byte[]>> tap) {
        KafkaSourceBuilder<byte[]> source = KafkaSource.<byte[]>builder()
                .setBootstrapServers(s.bootstrap())
                .setTopics(s.elements())
                .setGroupId(s.group())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        // the end offsets now, fixed in the job: a restored attempt stops where the first would have
        if (s.bounded()) source.setBounded(OffsetsInitializer.offsets(endOffsets(s.bootstrap(), s.elements())));
        WatermarkStrategy<byte[]> time = WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(s.lateness())
                .withTimestampAssigner((b, kafkaTime) -> Math.floorDiv(ElementCodec.timeMicros(b), 1000L));
        DataStream<byte[]> elements = env.fromSource(source.build(), time, "elements").setParallelism(s.parallelism())
                .uid("elements");
        elements = tap.apply(elements);
        DataStream<byte[]> checked = elements
                .keyBy(BlackoutJob::peerKey, TypeInformation.of(String.class))
                .process(new PeerStage(), TypeInformation.of(byte[].class)).setParallelism(s.parallelism())
                .name("per-peer").uid("per-peer");
        DataStream<Output> out = checked
                .keyBy(b -> 0, TypeInformation.of(Integer.class))
                .process(new EngineStage(factory), TypeInformation.of(Output.class)).setParallelism(1)
                .name("engine").uid("engine");
        Properties producer = new Properties();
        // at most the broker's transaction.max.timeout.ms (15 min by default)
        producer.setProperty("transaction.timeout.ms", "600000");
        String events = s.events(), signals = s.signals();
        KafkaSink<Output> sink = KafkaSink.<Output>builder()
                .setBootstrapServers(s.bootstrap())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                // finds the failed attempt's open transactions by listing them, and aborts them: with the
                // default (incrementing ids) one stayed open after a restore and hid every later event
                // from read_committed consumers until the broker timed it out
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .setTransactionalIdPrefix("blackout-" + s.group())
                .setRecordSerializer(new OutputSerializer(events, signals))
                .build();
        (signals == null ? out.filter(o -> Output.EVENT.equals(o.kind)).setParallelism(1) : out)
                .sinkTo(sink).setParallelism(1).name("kafka-out").uid("kafka-out");
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(c.endOffsets(parts));
        }
    }

    /** The record's collector and peer (its Kafka key, rebuilt from the value so any producer's records key alike). */
    static String peerKey(byte[] b) {
        try {
            var r = ElementCodec.decode(b);
            return new String(ElementCodec.key(r.collector(), r.element()), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "damaged"; // the per-peer stage reports it
        }
    }
}
