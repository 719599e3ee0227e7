package dev.switchboard.mediator.delivery;

import dev.switchboard.mediator.config.RelayConfig;
import dev.switchboard.socketdock.protocol.auth.RequestSigner;
import dev.switchboard.socketdock.protocol.auth.RequestVerifier;
import dev.switchboard.socketdock.protocol.auth.SharedSecret;
import dev.switchboard.socketdock.protocol.auth.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

/**
 * The relay's HS256 request-token scheme from {@code socketdock-protocol}, configured: verifies the relay's
 * posts and signs the mediator's callbacks with the shared secret.
 */
@ApplicationScoped
public class RelayAuth {
    private final @Nullable RequestVerifier verifier;
    private final RequestSigner signer;

    /** @param config {@code switchboard.relay.*} */
    public RelayAuth(RelayConfig config) {
        if (config.jwtSecret().isPresent()) {
            SharedSecret secret = SharedSecret.ofUtf8(config.jwtSecret().get());
            this.verifier = RequestVerifier.hs256(secret);
            this.signer = RequestSigner.hs256(secret);
        } else {
            this.verifier = config.allowUnauthenticated() ? RequestVerifier.insecureAcceptAll() : null;
            this.signer = RequestSigner.none();
        }
    }

    /**
     * Verifies one relay post.
     *
     * @return the verification; not {@link Verification#ok()} means 401
     */
    public Verification verify(@Nullable String authorization, String path, byte[] body) {
        if (verifier == null) {
            return new Verification.Malformed("no relay secret configured and unauthenticated relays not allowed");
        }
        return verifier.verify(authorization, "POST", path, body);
    }

    /** The signer of callbacks to the relays. */
    public RequestSigner signer() {
        return signer;
    }
}
