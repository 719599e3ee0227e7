package dev.switchboard.mediator.store;

import dev.switchboard.mediator.config.RedisConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * The mediator's Redis connection (Lettuce, one thread-safe multiplexed connection), and the embedded
 * Redis server when {@code switchboard.redis.embedded} is set. Package-private commands: Redis command
 * names and key names stay in this package (and in the queue module's adapters); the rest of the mediator
 * speaks of sessions, deadlines and mediations through this package's public classes.
 */
@ApplicationScoped
public class MediatorRedis {
    private static final Logger LOG = Logger.getLogger(MediatorRedis.class);

    private final Keys keys;
    private final @Nullable RedisServer embedded;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    /** Starts the embedded server if configured, then connects. */
    public MediatorRedis(RedisConfig config) {
        this.keys = new Keys(config.keyPrefix());
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.commandTimeout());
        config.password()
                .ifPresent(password ->
                        uri.setCredentialsProvider(new StaticCredentialsProvider(null, password.toCharArray())));
        this.embedded = config.embedded() ? startEmbedded(uri.getPort()) : null;
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
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
    RedisCommands<String, String> sync() {
        return connection.sync();
    }

    /** The key names under the configured prefix. */
    Keys keys() {
        return keys;
    }

    /** True when Redis answers PING. */
    public boolean ping() {
        try {
            return "PONG".equalsIgnoreCase(connection.sync().ping());
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
