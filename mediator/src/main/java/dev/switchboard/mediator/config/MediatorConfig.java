package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The mediator's identity and public face: {@code switchboard.mediator.*} (environment: {@code
 * SWITCHBOARD_MEDIATOR_*}).
 */
@ConfigMapping(prefix = "switchboard.mediator")
public interface MediatorConfig {

    /** The label in the out-of-band invitation and the DID exchange response. */
    @WithDefault("Switchboard Mediator")
    String label();

    /**
     * The public HTTP endpoint agents POST forwards to (through the load balancer); the {@code
     * serviceEndpoint} of mediate-grant and one service of the invitation.
     */
    @WithDefault("http://127.0.0.1:8080/")
    URI publicHttpUrl();

    /**
     * The public WebSocket URLs wallets connect to, through the relays; listed first in the invitation's
     * services and in the mediator's DID document, in this order.
     */
    @WithDefault("ws://127.0.0.1:8765/ws")
    List<URI> publicWsUrls();

    /**
     * The key-encryption key that protects the mediator's private keys in Redis: 32 bytes, standard base64
     * (AES-256-GCM). Every instance must have the same one. Required outside dev and test profiles.
     */
    Optional<String> keyEncryptionKey();

    /** Largest packed message accepted on {@code POST /} and from the relays, in bytes. */
    @WithDefault("1048576")
    int maxMessageBytes();

    /**
     * Accept DIDComm v2 authcrypt addressed to the mediator whose key was wrapped per ECDH-1PU draft 03 (no
     * tag in the KDF; what Veramo 7 / did-jwt send) when the draft-04 key does not unwrap. Off: draft 03
     * does not bind the wrapped key to the ciphertext (see {@code dev.switchboard.didcomm.v2.Jwe}), so such
     * messages are refused ({@code e.p.crypto}). Forwards the mediator only routes are not affected.
     */
    @WithDefault("false")
    boolean acceptEcdh1puDraft03();

    /**
     * How long a wallet's did:peer:4 long form is kept in Redis (so its short form resolves on every
     * instance) after the last authenticated message from that DID that refreshed it (at most once a day
     * per instance). Only stored once a message from that DID decrypted and authenticated.
     */
    @WithDefault("30d")
    Duration didPeer4LongFormTtl();

    /** Message pickup settings. */
    Pickup pickup();

    /** Message pickup 1.0 / 2.0 limits and leases. */
    interface Pickup {
        /** Largest batch a pickup {@code delivery} or {@code batch} carries, whatever the wallet asks for. */
        @WithDefault("50")
        int maxBatch();

        /**
         * How long messages handed out in a {@code delivery} stay in flight (not counted in status) before
         * they return to pending unless the wallet confirms them with {@code messages-received}.
         */
        @WithDefault("30s")
        Duration lease();
    }
}
