package dev.switchboard.socketdock.relay;

import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The relay's authentication and telemetry flags: the HS256 secret (inline or from a file), the relay's own key
 * id, the insecure opt-out, and the OTLP endpoint traces go to. Third link of the {@link RelayConfigBuilder}
 * chain.
 */
public abstract sealed class AuthOptions extends BackendOptions permits LimitOptions {
    @Nullable
    SharedSecret secret;

    @Nullable
    SharedSecret secretFile;

    @Nullable
    String keyId;

    boolean insecureNoAuth;

    @Nullable
    URI otlpEndpoint;

    AuthOptions() {}

    @Option(
            names = "--secret",
            order = 8,
            paramLabel = "TEXT",
            description =
                    "shared HS256 secret, >= 32 bytes, for backend POSTs and callbacks (this or --secret-file is required)")
    public RelayConfigBuilder secret(@Nullable SharedSecret v) {
        secret = v;
        return self();
    }

    @Option(
            names = "--secret-file",
            order = 9,
            paramLabel = "PATH",
            description =
                    "read the shared secret from this file (trailing newline dropped); used instead of --secret when set")
    public RelayConfigBuilder secretFile(@Nullable Path v) {
        secretFile = v == null ? null : SharedSecret.ofUtf8(Checks.read("secretFile", v));
        return self();
    }

    /**
     * This relay's own key id: the secret is then this relay's alone (the mediator's {@code
     * switchboard.relay.jwt-secrets."<kid>"}), POST tokens carry it as {@code kid} (RFC 7515 section 4.1.4) and
     * only callbacks signed under it are accepted. The mediator requires {@code kid} = {@code meta.instance_id},
     * so the instance id defaults to it and may not differ.
     */
    @Option(
            names = "--key-id",
            order = 33,
            paramLabel = "KID",
            description =
                    "sign with the secret as this relay's own key (JWT kid; = the mediator's jwt-secrets.\"<kid>\"); the instance id defaults to it (unset: shared secret)")
    public RelayConfigBuilder keyId(@Nullable String v) {
        if (v != null && (v.isEmpty() || !v.matches("[A-Za-z0-9._~-]+"))) {
            throw new IllegalArgumentException("keyId: " + v + " (expected: non-empty, URL-safe characters)");
        }
        keyId = v;
        return self();
    }

    @Option(
            names = "--insecure-no-auth",
            order = 10,
            paramLabel = "BOOL",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "false",
            description = "run WITHOUT authentication (SocketDock compatibility); logs a warning")
    public RelayConfigBuilder insecureNoAuth(boolean v) {
        insecureNoAuth = v;
        return self();
    }

    /**
     * Where spans go: an OTLP/HTTP (protobuf) endpoint such as {@code http://otel-collector:4318}; the
     * OpenTelemetry SDK is then configured by its autoconfiguration module, so the standard {@code OTEL_*}
     * variables (service name, sampler, headers, ...) apply too.
     */
    @Option(
            names = "--otel-exporter-otlp-endpoint",
            order = 40,
            paramLabel = "URI",
            description =
                    "export spans over OTLP/HTTP protobuf to this base URI, e.g. http://collector:4318; other OTEL_* variables apply (unset: no tracing SDK)")
    public RelayConfigBuilder otlpEndpoint(@Nullable URI v) {
        if (v != null
                && (!("http".equalsIgnoreCase(v.getScheme()) || "https".equalsIgnoreCase(v.getScheme()))
                        || v.getHost() == null)) {
            throw new IllegalArgumentException(
                    "otlpEndpoint: " + v + " (expected: an absolute http:// or https:// URI)");
        }
        otlpEndpoint = v;
        return self();
    }
}
