package org.blackout.kafka.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Kafka (KRaft, combined broker and controller) in this process, for {@code flink --local}
 * and tests: no ZooKeeper, no Docker, a fresh log directory under {@code dir}, deleted on close.
 * Transactions work on one node (the transaction log's replication is set to 1). Nothing is deleted by
 * age: records are timestamped with the data's time, often years old.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start(Path dir) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(dir).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // records carry the data's time (2008, 2014...): time-based retention would delete whole
                // segments of a replay while it is read
                .setConfigProp("log.retention.ms", "-1")
                .setConfigProp("log.retention.hours", "-1")
                .setDeleteOnClose(true)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    public String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** Creates topics with {@code partitions} partitions each (replication 1). */
    public void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)
                            .configs(Map.of("retention.ms", "-1"))).toList())
                    .all().get();
        }
    }

    public List<String> topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            return admin.listTopics().names().get().stream().sorted().toList();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
