package dev.switchboard.mediator.admin;

import dev.switchboard.mediator.config.AdminConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The admin bearer token ({@link AdminConfig}), read once at startup, and the check of a presented {@code
 * Authorization} header (<a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 section 2.1</a>).
 * The comparison is constant-time: both sides are hashed with SHA-256 and compared with {@link
 * MessageDigest#isEqual}, so neither the token's bytes nor its length leak through timing.
 */
@ApplicationScoped
public class AdminToken {
    /** Shortest token accepted. */
    public static final int MIN_LENGTH = 32;

    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    private static final String BEARER = "Bearer ";

    private final byte @Nullable [] digest;

    /**
     * @throws IllegalArgumentException when the configured token is shorter than {@value #MIN_LENGTH}
     * @throws UncheckedIOException when the token file cannot be read
     */
    public AdminToken(AdminConfig config) {
        String token = config.tokenFile()
                .map(path -> {
                    try {
                        return Files.readString(path, StandardCharsets.UTF_8).strip();
                    } catch (IOException e) {
                        throw new UncheckedIOException("switchboard.admin.token-file: cannot read " + path, e);
                    }
                })
                .or(config::token)
                .orElse(null);
        if (token != null && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "switchboard.admin.token: %d characters (expected: >= %d)".formatted(token.length(), MIN_LENGTH));
        }
        this.digest = token == null ? null : sha256(token);
        if (token == null) {
            LOG.info("admin API disabled: no switchboard.admin.token-file or switchboard.admin.token");
        }
    }

    /** True when a token is configured (the admin API is served). */
    public boolean enabled() {
        return digest != null;
    }

    /**
     * True when {@code authorization} is {@code Bearer <the configured token>}.
     *
     * @param authorization the request's {@code Authorization} header, null when absent
     */
    public boolean accepts(@Nullable String authorization) {
        if (digest == null
                || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(
                digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
