package dev.switchboard.socketdock.relay.backend;

import dev.switchboard.socketdock.protocol.Heartbeat;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.RequestBinding;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs {@code {instance_id, endpoint, connections, started_at}} to the heartbeat URI at start and
 * then every interval (no retries: the next heartbeat follows). A relay whose heartbeats stop is
 * treated as gone by its backends.
 */
public final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final BackendDispatcher dispatcher;
    private final EventExecutor executor;
    private final URI uri;
    private final String instanceId;
    private final String endpoint;
    private final Instant startedAt;
    private final IntSupplier connections;
    private @Nullable ScheduledFuture<?> task;

    public HeartbeatPublisher(
            BackendDispatcher dispatcher,
            EventExecutor executor,
            URI uri,
            String instanceId,
            String endpoint,
            Instant startedAt,
            IntSupplier connections) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.uri = uri;
        this.instanceId = instanceId;
        this.endpoint = endpoint;
        this.startedAt = startedAt;
        this.connections = connections;
    }

    /** Sends one heartbeat now and then every {@code interval}. */
    public void start(Duration interval) {
        task = executor.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        byte[] body = SocketDockJson.write(new Heartbeat(instanceId, endpoint, connections.getAsInt(), startedAt));
        dispatcher
                .post("heartbeat", uri, body, RequestBinding.NONE, Map.of(), false, executor)
                .addListener(f -> {
                    Outcome outcome = (Outcome) f.getNow();
                    if (outcome != null && !outcome.delivered()) {
                        LOG.atWarn()
                                .setMessage("heartbeat failed")
                                .addKeyValue("event", "heartbeat_failed")
                                .addKeyValue("uri", uri)
                                .addKeyValue("status", outcome.status())
                                .addKeyValue("cause", outcome.detail())
                                .log();
                    }
                });
    }

    /** Stops sending heartbeats. */
    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
