package dev.switchboard.mediator.store;

import dev.switchboard.mediator.config.RedisConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The mediator's Redis connection (Lettuce, one thread-safe multiplexed connection), and the embedded
 * Redis server when {@code switchboard.redis.embedded} is set. A standalone server by default; a Redis
 * Cluster when {@code switchboard.redis.uri} is a {@code redis-cluster://} seed list ({@link RedisEndpoint}),
 * with Lettuce's cluster client: {@code MOVED}/{@code ASK} followed, the slot map refreshed every 10 s and
 * at once on a redirection or repeated reconnects (a failover). Every key of this package names its slot by
 * a hash tag ({@link Keys}), and each script touches one key. Package-private commands: Redis command
 * names and key names stay in this package (and in the queue module's adapters); the rest of the mediator
 * speaks of sessions, deadlines and mediations through this package's public classes.
 */
@ApplicationScoped
public class MediatorRedis {
    private static final Logger LOG = Logger.getLogger(MediatorRedis.class);

    private final Keys keys;
    private final RedisEndpoint endpoint;
    private final @Nullable RedisServer embedded;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;

    /** Starts the embedded server if configured, then connects. */
    public MediatorRedis(RedisConfig config) {
        this.keys = new Keys(config.keyPrefix(), config.dueSetBuckets());
        this.endpoint = RedisEndpoint.parse(config.uri());
        List<RedisURI> uris = endpoint.uris().stream()
                .map(text -> {
                    RedisURI uri = RedisURI.create(text);
                    uri.setTimeout(config.commandTimeout());
                    config.password()
                            .ifPresent(password -> uri.setCredentialsProvider(
                                    new StaticCredentialsProvider(null, password.toCharArray())));
                    return uri;
                })
                .toList();
        if (config.embedded() && endpoint.cluster()) {
            throw new IllegalArgumentException(
                    "switchboard.redis.embedded: true (expected: false with a redis-cluster:// uri)");
        }
        this.embedded = config.embedded() ? startEmbedded(uris.get(0).getPort()) : null;
        if (endpoint.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(uris);
            cluster.setOptions(ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(10))
                            .enableAllAdaptiveRefreshTriggers()
                            .refreshTriggersReconnectAttempts(2)
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .build())
                    .build());
            StatefulRedisClusterConnection<String, String> c = cluster.connect();
            this.client = cluster;
            this.connection = c;
            this.sync = c.sync();
        } else {
            RedisClient standalone = RedisClient.create(uris.get(0));
            StatefulRedisConnection<String, String> c = standalone.connect();
            this.client = standalone;
            this.connection = c;
            this.sync = c.sync();
        }
    }

    private static RedisServer startEmbedded(int port) {
        try {
            RedisServer server = new RedisServer(port);
            server.start();
            LOG.infof("embedded Redis started on port %d", port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis on port " + port, e);
        }
    }

    /** Synchronous commands on the shared connection (call from worker threads only). */
    RedisClusterCommands<String, String> sync() {
        return sync;
    }

    /** The key names under the configured prefix. */
    Keys keys() {
        return keys;
    }

    /** What {@code switchboard.redis.uri} names (standalone server or cluster seeds). */
    RedisEndpoint endpoint() {
        return endpoint;
    }

    /** True when Redis answers PING (in a cluster: the node the connection's default commands go to). */
    public boolean ping() {
        try {
            return "PONG".equalsIgnoreCase(sync.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        connection.close();
        client.shutdown();
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                LOG.warn("embedded Redis did not stop cleanly", e);
            }
        }
    }
}
