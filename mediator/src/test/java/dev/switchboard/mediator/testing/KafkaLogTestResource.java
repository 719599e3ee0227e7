package dev.switchboard.mediator.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-process Kafka broker (KRaft, one combined broker and controller, ephemeral loopback port) and the
 * mediator configured to use it as its inbound log: {@code switchboard.inbound.log=kafka}, a 4-partition topic,
 * 2 s session timeout and {@code max.poll.interval.ms} 10 s, so a member that stops polling leaves the group
 * within seconds.
 */
public class KafkaLogTestResource implements QuarkusTestResourceLifecycleManager {
    /** Partitions of the test topic. */
    public static final int PARTITIONS = 4;

    private KafkaClusterTestKit cluster;

    /** Starts a one-node KRaft cluster for tests (and {@code ./run}-like child processes). */
    public static KafkaClusterTestKit startBroker() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("group.min.session.timeout.ms", "500")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("in-process Kafka broker did not start", e);
        }
    }

    /** The mediator properties that put the inbound log on {@code bootstrapServers}. */
    public static Map<String, String> config(String bootstrapServers) {
        return Map.of(
                "switchboard.inbound.log", "kafka",
                "switchboard.inbound.kafka.bootstrap-servers", bootstrapServers,
                "switchboard.inbound.kafka.partitions", Integer.toString(PARTITIONS),
                "switchboard.inbound.kafka.replication-factor", "1",
                "switchboard.inbound.kafka.session-timeout", "2s",
                "switchboard.inbound.kafka.client.\"max.poll.interval.ms\"", "10000");
    }

    @Override
    public Map<String, String> start() {
        cluster = startBroker();
        return config(cluster.bootstrapServers());
    }

    @Override
    public void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
