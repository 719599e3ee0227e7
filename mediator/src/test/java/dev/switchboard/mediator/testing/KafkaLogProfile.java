package dev.switchboard.mediator.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A mediator whose forwards go through the Kafka inbound log ({@link KafkaLogTestResource}), on its own key
 * prefix, mailboxes capped at {@value #MAX_MESSAGES} messages. The profile restarts Quarkus, so the tests of the default profile (no log) are not disturbed.
 */
public class KafkaLogProfile implements QuarkusTestProfile {
    /** {@code switchboard.mailbox.max-messages} of this profile. */
    public static final int MAX_MESSAGES = 40;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.redis.key-prefix",
                "sbkafka",
                "switchboard.mailbox.max-messages",
                Integer.toString(MAX_MESSAGES));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaLogTestResource.class));
    }
}
