package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mediator.config.RedisConfig;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** {@code switchboard.redis.password}: the mediator authenticates to a Redis with requirepass (k8s Secret). */
class MediatorRedisTest {

    private static RedisConfig config(int port, Optional<String> password) {
        return new RedisConfig() {
            public String uri() {
                return "redis://127.0.0.1:" + port;
            }

            public Optional<String> password() {
                return password;
            }

            public String keyPrefix() {
                return "auth";
            }

            public Duration commandTimeout() {
                return Duration.ofSeconds(5);
            }

            public boolean embedded() {
                return false;
            }

            public String durability() {
                return "none";
            }

            public java.time.Duration waitTimeout() {
                return java.time.Duration.ofSeconds(1);
            }

            public int dueSetBuckets() {
                return 16;
            }
        };
    }

    @Test
    void thePasswordIsSentAndWithoutItTheConnectionIsRefused() throws Exception {
        int port = RedisTestResource.freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .setting("requirepass test-redis-password-0123")
                .build();
        server.start();
        try {
            MediatorRedis authed = new MediatorRedis(config(port, Optional.of("test-redis-password-0123")));
            assertThat(authed.sync().set("auth:k", "v")).isEqualTo("OK");
            assertThatThrownBy(() -> new MediatorRedis(config(port, Optional.empty()))
                            .sync()
                            .set("auth:k", "w"))
                    .hasStackTraceContaining("NOAUTH");
        } finally {
            server.stop();
        }
    }
}
