package dev.switchboard.queue.redis;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.config.RedisSettings;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client (standalone or cluster) and its shared, pipelining connection. Keys are UTF-8
 * strings, values raw bytes. Dedicated connections ({@link #openDedicated()}) serve blocking reads.
 *
 * <p>Every connection's Netty pipeline starts with Netty's {@link FlushConsolidationHandler}: Lettuce
 * flushes after every command, which costs one {@code write} system call per command (and one
 * loopback/network segment the server reads); with the handler, the commands queued on the
 * connection's event loop in one turn, or written while replies are being read, leave in one write.
 * A lone command still leaves at once (at the end of the event loop's current turn). Lettuce's
 * command latency recorder is off: {@link dev.switchboard.queue.metrics.QueueMetrics} reports
 * latency per operation.
 *
 * <p>Redis Cluster: Lettuce's cluster client follows {@code MOVED} and {@code ASK} redirections, and
 * refreshes its view of the slots every {@link #TOPOLOGY_REFRESH} and at once on a redirection, on
 * repeated reconnects (a primary gone) and on an uncovered slot, so a failover's new primary is used
 * within about the cluster's own failover time. Commands sent to a primary that died fail at the
 * command timeout (nothing is acknowledged for them).
 */
final class RedisConnection implements AutoCloseable {

    static final RedisCodec<String, byte[]> CODEC = StringKeyBytesCodec.INSTANCE;

    /** How often the cluster client re-reads the slot map without a trigger. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

    private final RedisSettings settings;
    private final AbstractRedisClient client;
    private final ClientResources resources;
    private final Executor dispatcher;
    private final StatefulConnection<String, byte[]> shared;
    private final RedisClusterAsyncCommands<String, byte[]> async;

    private RedisConnection(
            RedisSettings settings,
            AbstractRedisClient client,
            ClientResources resources,
            StatefulConnection<String, byte[]> shared,
            RedisClusterAsyncCommands<String, byte[]> async) {
        this.settings = settings;
        this.client = client;
        this.resources = resources;
        this.dispatcher = resources.eventExecutorGroup().next();
        this.shared = shared;
        this.async = async;
    }

    static RedisConnection open(RedisSettings settings) {
        List<RedisURI> uris = new ArrayList<>();
        for (String part : settings.uri().split(",")) {
            RedisURI uri = RedisURI.create(part.trim());
            if (settings.tls()) {
                uri.setSsl(true);
            }
            uri.setVerifyPeer(settings.verifyPeer());
            if (settings.username() != null && settings.password() != null) {
                uri.setUsername(settings.username());
            }
            if (settings.password() != null) {
                uri.setPassword((CharSequence) settings.password());
            }
            uri.setTimeout(settings.commandTimeout());
            uris.add(uri);
        }
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(settings.connectTimeout())
                .build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
        ClientResources resources = DefaultClientResources.builder()
                .nettyCustomizer(new ConsolidateFlushes())
                // per-operation latency is reported through QueueMetrics; Lettuce's own recorder
                // (on whenever HdrHistogram and LatencyUtils are on the class path, as with
                // Micrometer) would add a map lookup and a histogram update to every command
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        try {
            if (settings.mode() == RedisSettings.Mode.CLUSTER) {
                RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
                cluster.setOptions(ClusterClientOptions.builder()
                        .socketOptions(socket)
                        .timeoutOptions(timeouts)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                                .enableAllAdaptiveRefreshTriggers()
                                .refreshTriggersReconnectAttempts(2)
                                .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                                .build())
                        .build());
                StatefulRedisClusterConnection<String, byte[]> c = cluster.connect(CODEC);
                return new RedisConnection(settings, cluster, resources, c, c.async());
            }
            if (uris.size() != 1) {
                throw new IllegalArgumentException(
                        "uri: %s (expected: one URI in standalone mode)".formatted(settings.uri()));
            }
            RedisClient standalone = RedisClient.create(resources, uris.get(0));
            standalone.setOptions(ClientOptions.builder()
                    .socketOptions(socket)
                    .timeoutOptions(timeouts)
                    .build());
            StatefulRedisConnection<String, byte[]> c = standalone.connect(CODEC);
            return new RedisConnection(settings, standalone, resources, c, c.async());
        } catch (RuntimeException e) {
            shutdown(resources);
            if (e instanceof RedisException) {
                throw new QueueException("cannot connect to Redis at " + settings, e);
            }
            throw e;
        }
    }

    /** Puts {@link FlushConsolidationHandler} first in every connection's pipeline. */
    private static final class ConsolidateFlushes implements NettyCustomizer {
        @Override
        public void afterChannelInitialized(Channel channel) {
            // at most 256 flushes wait for one write; without a read in progress the flush is
            // scheduled on the event loop, after the commands already queued there
            channel.pipeline().addFirst(new FlushConsolidationHandler(256, true));
        }
    }

    RedisSettings settings() {
        return settings;
    }

    /** The shared connection's commands; replies complete on Lettuce's threads. */
    RedisClusterAsyncCommands<String, byte[]> async() {
        return async;
    }

    /**
     * The commands of the connection that carries writes for {@code key}: the shared connection on a
     * standalone server; in a cluster, the client's connection to the primary its slot map names for
     * the key's slot (the connection the shared cluster connection writes the key's commands on).
     */
    CompletionStage<RedisClusterAsyncCommands<String, byte[]>> primaryOf(String key) {
        if (!(shared instanceof StatefulRedisClusterConnection<String, byte[]> cluster)) {
            return CompletableFuture.completedFuture(async);
        }
        RedisClusterNode primary = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (primary == null) {
            return CompletableFuture.failedFuture(new QueueException("no primary known for the slot of " + key, null));
        }
        return cluster.getConnectionAsync(
                        primary.getUri().getHost(), primary.getUri().getPort())
                .thenApply(StatefulRedisConnection::async);
    }

    /** One thread of Lettuce's computation pool, for work that must run in order off the event loop. */
    Executor dispatcher() {
        return dispatcher;
    }

    /** A new connection for one thread's blocking calls; close it when done. */
    Dedicated openDedicated() {
        try {
            if (client instanceof RedisClusterClient cluster) {
                StatefulRedisClusterConnection<String, byte[]> c = cluster.connect(CODEC);
                return new Dedicated(c, c.sync());
            }
            StatefulRedisConnection<String, byte[]> c = ((RedisClient) client).connect(CODEC);
            return new Dedicated(c, c.sync());
        } catch (RedisException e) {
            throw new QueueException("cannot connect to Redis at " + settings, e);
        }
    }

    /** A dedicated connection and its blocking commands. */
    record Dedicated(StatefulConnection<String, byte[]> connection, RedisClusterCommands<String, byte[]> sync)
            implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
        }
    }

    @Override
    public void close() {
        shared.close();
        client.shutdown();
        shutdown(resources);
    }

    /** As the client does for resources it creates: waits up to 2 s for the threads to end. */
    private static void shutdown(ClientResources resources) {
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the threads end anyway; nothing else to release
        }
    }
}
