package dev.switchboard.queue.redis;

import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.route.Route;
import dev.switchboard.queue.route.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@link RouteTable} on Redis (work in progress). */
final class RedisRouteTable implements RouteTable {

    RedisRouteTable(RedisConnection connection, Keys keys, QueueMetrics metrics, Clock clock) {}

    @Override
    public CompletionStage<Void> put(Route route) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<List<Route>> routes(String recipient) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Boolean> remove(String recipient, String connectionId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Integer> removeConnection(String instanceId, String connectionId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Void> heartbeat(String instanceId, Duration ttl) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Boolean> isAlive(String instanceId) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public CompletionStage<Void> forgetInstance(String instanceId) {
        throw new UnsupportedOperationException("not yet");
    }
}
