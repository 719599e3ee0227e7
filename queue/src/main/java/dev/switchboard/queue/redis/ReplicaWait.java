package dev.switchboard.queue.redis;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.config.Durability;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Waits until the replicas {@link Durability} asks for hold the writes already sent for a key: Redis's
 * {@code WAIT numreplicas timeout} on the connection that carried the writes (the shared connection
 * standalone, the slot's primary's connection of the cluster client), since {@code WAIT} covers the
 * writes of its own connection only.
 *
 * <p>Group commit: a {@code WAIT} blocks its connection on the server until the replicas answered, so
 * at most one is outstanding per node connection; callers arriving meanwhile share the next one, sent
 * when the outstanding one returns (it covers every write sent before it, theirs included).
 */
final class ReplicaWait {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final RedisConnection connection;
    private final Durability durability;
    private final Map<RedisClusterAsyncCommands<String, byte[]>, Node> nodes = new ConcurrentHashMap<>();

    ReplicaWait(RedisConnection connection, Durability durability) {
        this.connection = connection;
        this.durability = durability;
    }

    /**
     * Completes once the writes sent so far for {@code key} reached the replicas asked for; fails with
     * {@link QueueException} when fewer acknowledged within the timeout (the write itself may have been
     * applied on the primary).
     */
    CompletionStage<Void> await(String key) {
        if (!durability.waits()) {
            return DONE;
        }
        return connection
                .primaryOf(key)
                .thenCompose(
                        commands -> nodes.computeIfAbsent(commands, Node::new).await());
    }

    /** The wait state of one node connection. */
    private final class Node {
        private final RedisClusterAsyncCommands<String, byte[]> commands;
        private boolean outstanding;
        private List<CompletableFuture<Void>> next = new ArrayList<>();

        Node(RedisClusterAsyncCommands<String, byte[]> commands) {
            this.commands = commands;
        }

        CompletableFuture<Void> await() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            List<CompletableFuture<Void>> batch = null;
            synchronized (this) {
                next.add(done);
                if (!outstanding) {
                    outstanding = true;
                    batch = next;
                    next = new ArrayList<>();
                }
            }
            if (batch != null) {
                send(batch);
            }
            return done;
        }

        private void send(List<CompletableFuture<Void>> batch) {
            CompletionStage<Long> reply;
            try {
                reply = commands.waitForReplication(
                        durability.replicas(), durability.timeout().toMillis());
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((acknowledged, error) -> {
                RuntimeException failure = null;
                if (error != null) {
                    failure = new QueueException("WAIT for replicas failed: " + error.getMessage(), error);
                } else if (acknowledged == null || acknowledged < durability.replicas()) {
                    failure = new QueueException(
                            "%s of %d replicas acknowledged within %s (durability %s)"
                                    .formatted(acknowledged, durability.replicas(), durability.timeout(), durability),
                            null);
                }
                for (CompletableFuture<Void> waiter : batch) {
                    if (failure == null) {
                        waiter.complete(null);
                    } else {
                        waiter.completeExceptionally(failure);
                    }
                }
                List<CompletableFuture<Void>> following;
                synchronized (this) {
                    if (next.isEmpty()) {
                        outstanding = false;
                        return;
                    }
                    following = next;
                    next = new ArrayList<>();
                }
                send(following);
            });
        }
    }
}
