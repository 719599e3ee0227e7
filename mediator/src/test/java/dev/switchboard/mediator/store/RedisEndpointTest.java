package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The syntax of {@code switchboard.redis.uri}: a standalone URI or a {@code redis-cluster://} seed list. */
class RedisEndpointTest {

    @Test
    void aStandaloneUriIsOneNode() {
        assertThat(RedisEndpoint.parse("redis://127.0.0.1:6379/0"))
                .isEqualTo(new RedisEndpoint(false, List.of("redis://127.0.0.1:6379/0")));
    }

    @Test
    void aSeedListIsACluster() {
        assertThat(RedisEndpoint.parse("redis-cluster://10.0.0.1:7000, redis-2.example:7001"))
                .isEqualTo(new RedisEndpoint(true, List.of("redis://10.0.0.1:7000", "redis://redis-2.example:7001")));
        assertThat(RedisEndpoint.parse("rediss-cluster://a:6380").uris()).containsExactly("rediss://a:6380");
    }

    @Test
    void aSeedWithoutPortOrWithAPathIsRefusedWithTheSyntax() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://a:7000,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed 'b'")
                .hasMessageContaining("expected: host:port");
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://a:7000/0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://")).isInstanceOf(IllegalArgumentException.class);
    }
}
