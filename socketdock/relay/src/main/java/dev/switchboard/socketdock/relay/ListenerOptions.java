package dev.switchboard.socketdock.relay;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The relay's listener flags: public and internal addresses and ports, the callback endpoint, the instance id,
 * event loop threads and the per-socket write buffer. First link of the {@link RelayConfigBuilder} chain
 * (listeners, {@link BackendOptions backend}, {@link AuthOptions auth}, {@link LimitOptions limits}); each setter
 * is a picocli option and checks its argument, naming the field in its message.
 */
public abstract sealed class ListenerOptions permits BackendOptions {
    String bindIp = "";
    int bindPort;

    @Nullable
    String internalIp;

    int internalPort;

    @Nullable
    URI endpoint;

    boolean compatPublicCallbacks;
    String instanceId = Ids.newInstanceId();
    boolean instanceIdSet;
    int writeBufferLow;
    int writeBufferHigh;
    int eventLoopThreads;

    ListenerOptions() {}

    /** This object as the builder it is (the chain is sealed and ends there). */
    final RelayConfigBuilder self() {
        return (RelayConfigBuilder) this;
    }

    @Option(
            names = "--bindip",
            order = 0,
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "public WebSocket listener address")
    public RelayConfigBuilder bindIp(String v) {
        bindIp = Objects.requireNonNull(v, "bindIp");
        return self();
    }

    @Option(
            names = "--bindport",
            order = 1,
            paramLabel = "PORT",
            defaultValue = "8765",
            description = "public WebSocket listener port (/ws and /)")
    public RelayConfigBuilder bindPort(int v) {
        bindPort = Checks.port("bindPort", v);
        return self();
    }

    @Option(
            names = "--endpoint",
            order = 2,
            paramLabel = "URI",
            description =
                    "this instance's base URI for callbacks as backends reach it; unique per instance (unset: http://<internal-ip>:<internal-port>)")
    public RelayConfigBuilder endpoint(@Nullable URI v) {
        endpoint = v;
        return self();
    }

    @Option(
            names = "--internal-ip",
            order = 6,
            paramLabel = "ADDR",
            description = "internal listener address: callbacks, health, metrics (unset: = --bindip)")
    public RelayConfigBuilder internalIp(@Nullable String v) {
        internalIp = v;
        return self();
    }

    @Option(
            names = "--internal-port",
            order = 7,
            paramLabel = "PORT",
            defaultValue = "8766",
            description = "internal listener port")
    public RelayConfigBuilder internalPort(int v) {
        internalPort = Checks.port("internalPort", v);
        return self();
    }

    @Option(
            names = "--compat-public-callbacks",
            order = 11,
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "also serve the send and disconnect callbacks on the public port, as SocketDock does")
    public RelayConfigBuilder compatPublicCallbacks(boolean v) {
        compatPublicCallbacks = v;
        return self();
    }

    @Option(
            names = "--instance-id",
            order = 12,
            paramLabel = "ID",
            description = "this instance's id in meta.instance_id and heartbeats (unset: --key-id if set, else random)")
    public RelayConfigBuilder instanceId(@Nullable String v) {
        if (v != null) {
            if (v.isEmpty() || !v.matches("[A-Za-z0-9._~-]+")) {
                throw new IllegalArgumentException("instanceId: " + v + " (expected: non-empty, URL-safe characters)");
            }
            instanceId = v;
            instanceIdSet = true;
        }
        return self();
    }

    @Option(
            names = "--write-buffer-high",
            order = 28,
            paramLabel = "BYTES",
            defaultValue = "65536",
            description =
                    "outbound buffer high-water mark per socket; over it the send callback gets 503 (low mark = half)")
    public RelayConfigBuilder writeBufferHigh(int v) {
        if (v < 2) {
            throw new IllegalArgumentException("writeBufferHigh: " + v + " (expected: >= 2)");
        }
        writeBufferHigh = v;
        writeBufferLow = v / 2;
        return self();
    }

    @Option(
            names = "--event-loop-threads",
            order = 29,
            paramLabel = "N",
            defaultValue = "0",
            description = "Netty event loop threads (0: Netty's default, 2 x cores)")
    public RelayConfigBuilder eventLoopThreads(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("eventLoopThreads: " + v + " (expected: >= 0)");
        }
        eventLoopThreads = v;
        return self();
    }
}
