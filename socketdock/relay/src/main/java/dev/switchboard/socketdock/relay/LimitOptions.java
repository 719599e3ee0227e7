package dev.switchboard.socketdock.relay;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The relay's limits on what clients can hold or make grow (issue 13): timers (handshake, keepalive, idle,
 * lifetime, drain), sizes (frame, callback body) and socket counts (per instance, per address, new sockets per
 * second per address, the address table). Last link before {@link RelayConfigBuilder}. Each limit's
 * default is in the README's relay table and docs/security.md.
 */
public abstract sealed class LimitOptions extends AuthOptions permits RelayConfigBuilder {
    Duration pingInterval = Duration.ZERO;
    Duration pongTimeout = Duration.ZERO;
    Duration idleTimeout = Duration.ZERO;
    Duration maxLifetime = Duration.ZERO;
    Duration handshakeTimeout = Duration.ZERO;
    int maxFrameSize;
    int maxCallbackBody;
    int maxConnections;
    int maxSocketsPerAddress;
    int maxSocketRatePerAddress;
    int addressTableSize;
    Duration drainWindow = Duration.ZERO;

    LimitOptions() {}

    @Option(
            names = "--ping-interval",
            order = 15,
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "WebSocket ping interval (0: off)")
    public RelayConfigBuilder pingInterval(Duration v) {
        pingInterval = Checks.nonNegative("pingInterval", v);
        return self();
    }

    @Option(
            names = "--pong-timeout",
            order = 16,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "close (1001) when no pong within this after a ping")
    public RelayConfigBuilder pongTimeout(Duration v) {
        pongTimeout = Checks.positive("pongTimeout", v);
        return self();
    }

    @Option(
            names = "--idle-timeout",
            order = 17,
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) after this long without a data frame (0: off; k8s sets 10m)")
    public RelayConfigBuilder idleTimeout(Duration v) {
        idleTimeout = Checks.nonNegative("idleTimeout", v);
        return self();
    }

    @Option(
            names = "--max-lifetime",
            order = 18,
            paramLabel = "DURATION",
            defaultValue = "0",
            description = "close (1001) connections older than this (0: off)")
    public RelayConfigBuilder maxLifetime(Duration v) {
        maxLifetime = Checks.nonNegative("maxLifetime", v);
        return self();
    }

    @Option(
            names = "--handshake-timeout",
            order = 34,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "close a public TCP connection whose WebSocket upgrade has not completed within this")
    public RelayConfigBuilder handshakeTimeout(Duration v) {
        handshakeTimeout = Checks.positive("handshakeTimeout", v);
        return self();
    }

    @Option(
            names = "--max-frame-size",
            order = 19,
            paramLabel = "BYTES",
            defaultValue = "1048576",
            description = "largest frame payload (<= the mediator's max-message-bytes); larger closes with 1009")
    public RelayConfigBuilder maxFrameSize(int v) {
        maxFrameSize = Checks.positive("maxFrameSize", v);
        return self();
    }

    @Option(
            names = "--max-callback-body",
            order = 20,
            paramLabel = "BYTES",
            defaultValue = "4194304",
            description = "largest callback body; larger gets 413")
    public RelayConfigBuilder maxCallbackBody(int v) {
        maxCallbackBody = Checks.positive("maxCallbackBody", v);
        return self();
    }

    @Option(
            names = "--max-connections",
            order = 21,
            paramLabel = "N",
            defaultValue = "100000",
            description = "public TCP connections per instance, upgraded or not; more get 503 on upgrade")
    public RelayConfigBuilder maxConnections(int v) {
        maxConnections = Checks.positive("maxConnections", v);
        return self();
    }

    @Option(
            names = "--max-sockets-per-address",
            order = 35,
            paramLabel = "N",
            defaultValue = "1000",
            description = "public TCP connections per client IP address; more get 503 on upgrade (0: off)")
    public RelayConfigBuilder maxSocketsPerAddress(int v) {
        maxSocketsPerAddress = Checks.nonNegative("maxSocketsPerAddress", v);
        return self();
    }

    @Option(
            names = "--max-socket-rate-per-address",
            order = 36,
            paramLabel = "N",
            defaultValue = "100",
            description = "new public TCP connections per second per client IP address; more get 503 (0: off)")
    public RelayConfigBuilder maxSocketRatePerAddress(int v) {
        maxSocketRatePerAddress = Checks.nonNegative("maxSocketRatePerAddress", v);
        return self();
    }

    @Option(
            names = "--address-table-size",
            order = 37,
            paramLabel = "N",
            defaultValue = "100000",
            description =
                    "client addresses tracked for the per-address limits (least recently seen idle ones go first)")
    public RelayConfigBuilder addressTableSize(int v) {
        addressTableSize = Checks.positive("addressTableSize", v);
        return self();
    }

    @Option(
            names = "--drain-window",
            order = 22,
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "on SIGTERM, close open sockets (1001) spread over this")
    public RelayConfigBuilder drainWindow(Duration v) {
        drainWindow = Checks.nonNegative("drainWindow", v);
        return self();
    }
}
