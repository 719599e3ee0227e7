package dev.switchboard.mediator.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A mediator with tiny mailboxes (3 messages, 20,000 bytes) and a 1 s Redis command timeout, on its own
 * key prefix: for the tests of {@code e.p.me.res.storage} and of a store that does not answer in time. The
 * profile restarts Quarkus (and its Redis), so these tests cannot disturb the ones on the default profile.
 */
public class SmallMailboxProfile implements QuarkusTestProfile {
    /** {@code switchboard.mailbox.max-messages} of this profile. */
    public static final int MAX_MESSAGES = 3;
    /** {@code switchboard.mailbox.max-bytes} of this profile. */
    public static final int MAX_BYTES = 20_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.mailbox.max-messages", Integer.toString(MAX_MESSAGES),
                "switchboard.mailbox.max-bytes", Integer.toString(MAX_BYTES),
                "switchboard.mailbox.ttl", "1h",
                "switchboard.redis.command-timeout", "1s",
                "switchboard.redis.key-prefix", "sbsmall");
    }
}
