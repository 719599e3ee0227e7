package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin API ({@code /admin/*}): {@code switchboard.admin.*} (environment: {@code SWITCHBOARD_ADMIN_*}). It
 * is disabled (every {@code /admin} path answers 404) unless a bearer token is configured, from a file (a
 * mounted Kubernetes Secret) or a value (an environment variable filled from a Secret).
 */
@ConfigMapping(prefix = "switchboard.admin")
public interface AdminConfig {

    /**
     * File holding the admin bearer token (one line; a trailing newline is dropped), at least 32 characters.
     * Wins over {@link #token()}.
     */
    Optional<Path> tokenFile();

    /** The admin bearer token itself, at least 32 characters. */
    Optional<String> token();
}
