package dev.switchboard.queue.redis;

import static dev.switchboard.queue.redis.Args.bytes;

import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import dev.switchboard.queue.route.RelayInstance;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link RouteTable} on Redis. A recipient's routes are one hash ({@code connectionId -> since, lease,
 * instance, send, disconnect}) that expires with its longest lease; a socket's recipients are an index
 * set used by {@link #removeConnection}; each relay instance is a key with a TTL set by its heartbeat.
 * Lapsed routes are filtered on read and deleted lazily.
 */
final class RedisRouteTable implements RouteTable {

    private static final LuaScript PUT = LuaScript.load("route put", "route-put.lua");
    private static final byte[] ALIVE = bytes("1");

    private final RedisConnection connection;
    private final Keys keys;
    private final Clock clock;
    private final Timed timed;

    RedisRouteTable(RedisConnection connection, Keys keys, QueueMetrics metrics, Clock clock) {
        this.connection = connection;
        this.keys = keys;
        this.clock = clock;
        this.timed = new Timed(metrics);
    }

    @Override
    public CompletionStage<Void> put(Route route) {
        long now = clock.millis();
        String index = keys.connection(route.instanceId(), route.connectionId());
        long indexTtl = Math.max(1, route.leaseUntil().toEpochMilli() - now);
        return timed.run(QueueOperation.ROUTE_PUT, "route put", () -> {
            CompletionStage<Object> written = PUT.run(
                    connection.async(),
                    ScriptOutputType.INTEGER,
                    new String[] {keys.routes(route.recipient())},
                    bytes(route.connectionId()),
                    bytes(route.since().toEpochMilli()),
                    bytes(route.leaseUntil().toEpochMilli()),
                    bytes(route.instanceId()),
                    bytes(route.send().toString()),
                    bytes(route.disconnect().toString()),
                    bytes(now));
            CompletionStage<Long> indexed = connection.async().sadd(index, bytes(route.recipient()));
            CompletionStage<Boolean> expires = connection.async().pexpire(index, indexTtl);
            return CompletableFuture.allOf(
                            written.toCompletableFuture(), indexed.toCompletableFuture(), expires.toCompletableFuture())
                    .thenApply(ignored -> null);
        });
    }

    @Override
    public CompletionStage<List<Route>> routes(String recipient) {
        String key = keys.routes(recipient);
        return timed.run(
                QueueOperation.ROUTE_GET,
                "routes",
                () -> connection.async().hgetall(key).thenCompose(fields -> {
                    long now = clock.millis();
                    List<Route> leased = new ArrayList<>();
                    List<String> lapsed = new ArrayList<>();
                    for (Map.Entry<String, byte[]> field : fields.entrySet()) {
                        Route route = decode(recipient, field.getKey(), Args.string(field.getValue()));
                        if (route.leaseUntil().toEpochMilli() > now) {
                            leased.add(route);
                        } else {
                            lapsed.add(field.getKey());
                        }
                    }
                    if (!lapsed.isEmpty()) {
                        connection.async().hdel(key, lapsed.toArray(String[]::new));
                    }
                    Map<String, CompletableFuture<Long>> alive = new HashMap<>();
                    for (Route route : leased) {
                        alive.computeIfAbsent(
                                route.instanceId(),
                                id -> connection
                                        .async()
                                        .exists(keys.instance(id))
                                        .toCompletableFuture());
                    }
                    return CompletableFuture.allOf(alive.values().toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> leased.stream()
                                    .filter(route ->
                                            alive.get(route.instanceId()).join() > 0)
                                    .sorted(Comparator.comparing(Route::since).reversed())
                                    .toList());
                }));
    }

    @Override
    public CompletionStage<Boolean> remove(String recipient, String connectionId) {
        return timed.run(
                QueueOperation.ROUTE_REMOVE,
                "route remove",
                () -> connection
                        .async()
                        .hdel(keys.routes(recipient), connectionId)
                        .thenApply(removed -> removed > 0));
    }

    @Override
    public CompletionStage<Integer> removeConnection(String instanceId, String connectionId) {
        String index = keys.connection(instanceId, connectionId);
        return timed.run(
                QueueOperation.ROUTE_REMOVE,
                "connection remove",
                () -> connection.async().smembers(index).thenCompose(recipients -> {
                    List<CompletableFuture<Long>> removals = new ArrayList<>();
                    for (byte[] recipient : recipients) {
                        removals.add(connection
                                .async()
                                .hdel(keys.routes(Args.string(recipient)), connectionId)
                                .toCompletableFuture());
                    }
                    removals.add(connection.async().del(index).toCompletableFuture());
                    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> {
                                long removed = 0;
                                for (int i = 0; i < removals.size() - 1; i++) {
                                    removed += removals.get(i).join();
                                }
                                return (int) removed;
                            });
                }));
    }

    @Override
    public CompletionStage<Void> heartbeat(String instanceId, Duration ttl) {
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl: %s (expected: >= 1 ms)".formatted(ttl));
        }
        return timed.run(
                QueueOperation.HEARTBEAT,
                "heartbeat",
                () -> connection
                        .async()
                        .set(keys.instance(instanceId), ALIVE, SetArgs.Builder.px(ttl.toMillis()))
                        .thenApply(ok -> null));
    }

    @Override
    public CompletionStage<Void> heartbeat(String instanceId, Duration ttl, int connections) {
        if (connections < 0) {
            throw new IllegalArgumentException("connections: %s (expected: >= 0)".formatted(connections));
        }
        long until = clock.millis() + ttl.toMillis();
        return heartbeat(instanceId, ttl)
                .thenCompose(ignored -> timed.run(QueueOperation.HEARTBEAT, "relay registry", () -> {
                    var async = connection.async();
                    var added = async.zadd(keys.relays(), (double) until, bytes(instanceId))
                            .toCompletableFuture();
                    var counted = async.hset(keys.relaySockets(), instanceId, bytes(connections))
                            .toCompletableFuture();
                    return CompletableFuture.allOf(added, counted).thenApply(done -> null);
                }));
    }

    @Override
    public CompletionStage<List<RelayInstance>> relays() {
        long now = clock.millis();
        return timed.run(QueueOperation.HEARTBEAT, "relays", () -> {
            var async = connection.async();
            return async.zrangebyscoreWithScores(keys.relays(), Range.create(-Double.MAX_VALUE, (double) now))
                    .thenCompose(lapsed -> {
                        if (lapsed.isEmpty()) {
                            return CompletableFuture.completedFuture(0L);
                        }
                        byte[][] members =
                                lapsed.stream().map(v -> v.getValue()).toArray(byte[][]::new);
                        String[] ids = lapsed.stream()
                                .map(v -> Args.string(v.getValue()))
                                .toArray(String[]::new);
                        return async.zrem(keys.relays(), members)
                                .thenCompose(n -> async.hdel(keys.relaySockets(), ids));
                    })
                    .thenCompose(ignored -> async.zrangeWithScores(keys.relays(), 0, -1))
                    .thenCompose(alive -> async.hgetall(keys.relaySockets()).thenApply(sockets -> {
                        List<RelayInstance> out = new ArrayList<>(alive.size());
                        for (var entry : alive) {
                            String id = Args.string(entry.getValue());
                            byte[] count = sockets.get(id);
                            out.add(new RelayInstance(
                                    id, count == null ? 0 : (int) Args.number(count), Instant.ofEpochMilli((long)
                                            entry.getScore())));
                        }
                        out.sort(Comparator.comparing(RelayInstance::instanceId));
                        return out;
                    }));
        });
    }

    @Override
    public CompletionStage<Boolean> isAlive(String instanceId) {
        return timed.run(
                QueueOperation.HEARTBEAT,
                "liveness",
                () -> connection.async().exists(keys.instance(instanceId)).thenApply(n -> n > 0));
    }

    @Override
    public CompletionStage<Void> forgetInstance(String instanceId) {
        return timed.run(
                QueueOperation.HEARTBEAT,
                "forget instance",
                () -> connection.async().del(keys.instance(instanceId)).thenApply(n -> null));
    }

    private static Route decode(String recipient, String connectionId, String value) {
        // "since\nleaseUntil\ninstanceId\nsend\ndisconnect"
        String[] f = value.split("\n", 5);
        return new Route(
                recipient,
                f[2],
                connectionId,
                URI.create(f[3]),
                URI.create(f[4]),
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                Instant.ofEpochMilli(Long.parseLong(f[1])));
    }
}
