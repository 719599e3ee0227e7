package dev.switchboard.mediator.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A mediator whose forwards go through the Redis Streams inbound log on the test Redis, on its own key
 * prefix. The profile restarts Quarkus, so the tests of the default profile (no log) are not disturbed.
 */
public class RedisStreamLogProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.redis.key-prefix", "sbstream",
                "switchboard.inbound.log", "redis-stream",
                "switchboard.inbound.stream.reclaim-idle", "2s");
    }
}
