package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiInstanceIT} (2 relays, 2 mediators, a real Credo wallet and sender: onboarding, offline and back,
 * a relay killed) with the Kafka inbound log on ({@code switchboard.inbound.log=kafka}, a real in-process KRaft
 * broker), and a fault: the mediator that owns the log's only partition hangs (SIGSTOP) while forwards are
 * appended through the other one, then is killed (SIGKILL) before it stored them. The other mediator takes the
 * partition over and every forward reaches the wallet, in order, once.
 */
class KafkaMultiInstanceIT extends MultiInstanceIT {
    /** Long enough that the forwards below are appended while the frozen owner still holds the partition. */
    private static final String SESSION_TIMEOUT = "switchboard.inbound.kafka.session-timeout";

    @BeforeAll
    static void start() {
        // one partition: one owner at a time. The range assignor gives it to the member whose id sorts first,
        // mediator A's (ids begin with the consumer name), once both joined.
        startOn(
                Stack.withKafka(1),
                Map.of("switchboard.inbound.consumer-name", "a-mediator", SESSION_TIMEOUT, "10s"),
                Map.of("switchboard.inbound.consumer-name", "b-mediator", SESSION_TIMEOUT, "10s"));
    }

    @Test
    @Order(4)
    void theLogsOwnerKilledBetweenAppendAndEnqueueLosesNothingAndStoresNothingTwice() {
        String bootstrap = mediatorProperty("switchboard.inbound.kafka.bootstrap-servers");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ownerOfTheOnlyPartition(bootstrap).equals("a-mediator"));
        mediatorA.process().freeze();
        for (int i = 1; i <= 5; i++) {
            send("log-fault #" + i); // answered 202 by mediator B once appended; A owns the partition
        }
        mediatorA.process().kill();

        // the wallet was on relay A (mediator A's, now dead): it comes back through a new relay to mediator B
        host.send(AgentHost.command("stopWallet").put("id", "m1"));
        Stack.Relay relayB2 = stack.relay("multi-relay-b2", mediatorB.url());
        host.send(AgentHost.command("startWallet")
                .put("id", "m1")
                .put("wsUrl", relayB2.wsUrl().toString()));
        List<String> expected =
                IntStream.rangeClosed(1, 5).mapToObj(i -> "log-fault #" + i).toList();
        assertThat(expect("m1", "log-fault", 5)).containsExactlyElementsOf(expected);
        ChildProcess.sleep(3_000);
        assertThat(host.events().stream().filter(e -> received(e, "m1", "log-fault")))
                .as("each delivered once")
                .hasSize(5);
    }

    private static String mediatorProperty(String key) {
        return stack.mediatorConfig().get(key);
    }

    /** The consumer name of the member that owns partition 0 of the log's topic, or "" while none does. */
    private static String ownerOfTheOnlyPartition(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("mediators"))
                    .all()
                    .get()
                    .get("mediators");
            return group.members().stream()
                    .filter(m -> m.assignment().topicPartitions().stream().anyMatch(tp -> tp.partition() == 0))
                    .map(MemberDescription::clientId)
                    .findFirst()
                    .orElse("");
        }
    }
}
