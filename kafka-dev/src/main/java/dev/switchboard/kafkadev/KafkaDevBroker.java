package dev.switchboard.kafkadev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Kafka (KRaft: broker and controller combined, Kafka's own {@link KafkaClusterTestKit}) on a free
 * loopback port, for {@code ./run --kafka}. Its data lives in temporary directories removed on exit: nothing
 * survives a restart, so it is for trying the inbound log, never for production.
 *
 * <p>Usage: {@code java -cp kafka-dev.jar:lib/* dev.switchboard.kafkadev.KafkaDevBroker <file>}: once the
 * broker is ready, writes its bootstrap address ({@code host:port}) to {@code file} (atomically) and runs until
 * the process is stopped (SIGTERM/SIGINT close it cleanly).
 */
public final class KafkaDevBroker {
    private KafkaDevBroker() {}

    /** Starts the broker; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaDevBroker <file to write the bootstrap address to>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                // one node: every internal topic has one replica
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kit.close();
            } catch (Exception e) {
                System.err.println("kafka-dev: close failed: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        write(out, kit.bootstrapServers());
        System.err.println("kafka-dev: broker ready on " + kit.bootstrapServers());
        stopped.await();
    }

    private static void write(Path out, String bootstrap) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, bootstrap + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
