package dev.switchboard.loadtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HAProxy (Debian package {@code haproxy}) in front of both tiers: a WebSocket front balancing upgrades over
 * the relays by least connections (health from each relay's internal {@code /health/ready}), and an HTTP front
 * for senders and relay backend posts balancing over the mediators, retrying a request on another mediator
 * when the connection failed or the response was empty (a killed mediator). Each proxied socket costs HAProxy
 * two file descriptors, so under a 20,000 open-files cap it carries at most ~9,000 wallets.
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
            cfg.append("  server relay-%d 127.0.0.1:%d check port %d inter 1s fall 2 rise 1\n"
                    .formatted(i, spec.relayPort(i), spec.relayInternalPort(i)));
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
        try {
            Path file = Files.createDirectories(spec.runDir()).resolve("haproxy.cfg");
            Files.writeString(file, cfg);
            return ChildProcess.start("haproxy", List.of(binary, "-db", "-f", file.toString()), spec.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
