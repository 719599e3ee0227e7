package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HAProxy (Debian package {@code haproxy}) in front of both tiers: a WebSocket front balancing upgrades over
 * the relays by least connections (health from each relay's internal {@code /health/ready}), and an HTTP front
 * for senders and relay backend posts balancing over the mediators, retrying a request on another mediator
 * when the connection failed or the response was empty (a killed mediator). Each proxied socket costs HAProxy
 * two file descriptors, so under a 20,000 open-files cap it carries at most ~9,000 wallets.
 *
 * <p>With {@link ClusterSpec#faultProxy()} it is also the nemesis' fault proxy on loopback: the mediators reach
 * Redis through a TCP front ({@link #partitionRedis}: the server set to maintenance and its sessions shut, so
 * every connection is cut and new ones are closed at once), and each relay's {@code send} callbacks go through
 * an HTTP front that delays every request by {@link ClusterSpec#callbackDelayMillis()} while {@link
 * #slowCallbacks} has it on (a Lua action, {@code core.msleep}). Both are switched at run time over the
 * admin socket {@code <runDir>/haproxy.sock} (<a
 * href="https://docs.haproxy.org/2.6/management.html#9.3">HAProxy 2.6 runtime API</a>).
 */
final class Haproxy {
    private Haproxy() {}

    static ChildProcess start(ClusterSpec spec) {
        String binary = findBinary();
        StringBuilder cfg = new StringBuilder();
        cfg.append("""
                global
                  maxconn 9500
                  nbthread 1
                  stats socket %s mode 600 level admin
                  %s
                """.formatted(
                socket(spec), spec.faultProxy() ? "lua-load " + spec.runDir().resolve("delay.lua") : ""));
        cfg.append("""
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 1h
                  timeout server 1h
                  timeout tunnel 1h
                  timeout http-request 10s
                  timeout http-keep-alive 60s
                  timeout check 2s
                  option redispatch
                  retries 3
                frontend ws
                  bind 127.0.0.1:%d
                  default_backend relays
                backend relays
                  balance leastconn
                  option httpchk GET /health/ready
                """.formatted(spec.haproxyWsPort()));
        for (int i = 0; i < spec.relays(); i++) {
            // loadtest.relayBackups: relays after the first are backups, so every wallet starts on relay-0 and
            // moves to relay-1 only when relay-0 is down (the reconnect storm)
            cfg.append("  server relay-%d 127.0.0.1:%d check port %d inter 1s fall 2 rise 1%s\n"
                    .formatted(
                            i,
                            spec.relayPort(i),
                            spec.relayInternalPort(i),
                            i > 0 && Boolean.getBoolean("loadtest.relayBackups") ? " backup" : ""));
        }
        cfg.append("""
                frontend http
                  bind 127.0.0.1:%d
                  default_backend mediators
                backend mediators
                  balance roundrobin
                  retry-on conn-failure empty-response
                  option httpchk GET /q/health/ready
                """.formatted(spec.haproxyHttpPort()));
        for (int j = 0; j < spec.mediators(); j++) {
            cfg.append("  server mediator-%d 127.0.0.1:%d check inter 1s fall 2 rise 1\n"
                    .formatted(j, spec.mediatorPort(j)));
        }
        if (spec.faultProxy()) {
            faultFronts(spec, cfg);
        }
        try {
            Path file = Files.createDirectories(spec.runDir()).resolve("haproxy.cfg");
            Files.writeString(file, cfg);
            return ChildProcess.start("haproxy", List.of(binary, "-db", "-f", file.toString()), spec.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Redis TCP front and one delaying HTTP front per relay's callbacks; writes the Lua action and ACL files. */
    private static void faultFronts(ClusterSpec spec, StringBuilder cfg) {
        try {
            Files.createDirectories(spec.runDir());
            Files.writeString(spec.runDir().resolve("delay.lua"), """
                    -- http-request lua.delay MS: holds the request MS milliseconds (loadtest fault proxy)
                    core.register_action("delay", { "http-req" }, function(txn, ms)
                      core.msleep(tonumber(ms))
                    end, 1)
                    """);
            for (int i = 0; i < spec.relays(); i++) {
                Files.writeString(slowAcl(spec, i), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cfg.append("""
                frontend redis
                  mode tcp
                  bind 127.0.0.1:%d
                  default_backend redis
                backend redis
                  mode tcp
                  server redis 127.0.0.1:%d
                """.formatted(spec.redisProxyPort(), spec.redisPort()));
        for (int i = 0; i < spec.relays(); i++) {
            cfg.append("""
                    frontend callbacks-%1$d
                      bind 127.0.0.1:%2$d
                      acl slow src -f %3$s
                      http-request lua.delay %4$d if slow
                      default_backend relay-%1$d-internal
                    backend relay-%1$d-internal
                      server relay-%1$d 127.0.0.1:%5$d
                    """.formatted(
                            i,
                            spec.callbackProxyPort(i),
                            slowAcl(spec, i),
                            spec.callbackDelayMillis(),
                            spec.relayInternalPort(i)));
        }
    }

    /** Cuts ({@code true}) or restores the mediators' connections to Redis. */
    static void partitionRedis(ClusterSpec spec, boolean cut) {
        if (cut) {
            command(spec, "set server redis/redis state maint");
            command(spec, "shutdown sessions server redis/redis");
        } else {
            command(spec, "set server redis/redis state ready");
        }
    }

    /** Delays ({@code true}) every {@code send} callback to relay {@code i}, or stops delaying them. */
    static void slowCallbacks(ClusterSpec spec, int i, boolean slow) {
        command(spec, slow ? "add acl " + slowAcl(spec, i) + " 127.0.0.1" : "clear acl " + slowAcl(spec, i));
    }

    /**
     * One runtime API command over the admin socket.
     *
     * @return HAProxy's answer (empty for most state changes)
     * @throws IllegalStateException when the answer reports an error
     */
    static String command(ClusterSpec spec, String command) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket(spec)))) {
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8).strip();
            if (answer.contains("Unknown") || answer.contains("No such") || answer.contains("not found")) {
                throw new IllegalStateException("haproxy: " + command + ": " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("haproxy runtime API: " + command, e);
        }
    }

    private static Path socket(ClusterSpec spec) {
        return spec.runDir().resolve("haproxy.sock");
    }

    private static Path slowAcl(ClusterSpec spec, int relay) {
        return spec.runDir().resolve("slow-callbacks-" + relay + ".acl");
    }

    private static String findBinary() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, "haproxy");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("haproxy not installed: run `apt-get install -y haproxy` (as root) or run"
                + " without -Dloadtest.haproxy=true");
    }
}
