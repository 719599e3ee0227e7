package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Push notifications to offline wallets: {@code switchboard.push.*} (environment: {@code SWITCHBOARD_PUSH_*}).
 * A provider is on when its credentials are configured: FCM when at least one project is, APNs when its
 * signing key is, the webhook when its URL is. Credentials come from files (mount secrets) or, for the FCM
 * service account, also from the environment as JSON text.
 */
@ConfigMapping(prefix = "switchboard.push")
public interface PushConfig {

    /**
     * How long a wallet's first waiting message waits before it is notified about: later messages join the
     * same notification, and a wallet that reconnects (or picks up) within it gets none.
     */
    @WithDefault("2s")
    Duration delay();

    /**
     * A wallet whose socket closed less than this ago is not notified yet (it may be reconnecting: a network
     * change, the app coming back); its notification waits until the grace period ends.
     */
    @WithDefault("10s")
    Duration grace();

    /** At most one notification per wallet per this interval, across all mediator instances. */
    @WithDefault("60s")
    Duration interval();

    /** How often each instance looks for wallets whose notification is due. */
    @WithDefault("500ms")
    Duration sweepPeriod();

    /** Most due wallets one sweep claims. */
    @WithDefault("100")
    int sweepBatch();

    /**
     * How long an instance holds a claimed wallet before another instance may take it over (should it die
     * mid-send); must exceed a notification's retries ({@link #maxAttempts()} x ({@link #requestTimeout()} +
     * {@link #maxRetryAfter()})).
     */
    @WithDefault("5m")
    Duration claimLease();

    /** Most notifications in progress per instance (each on a virtual thread); more wait for the next sweep. */
    @WithDefault("256")
    int maxConcurrent();

    /** Timeout of one request to a provider (connect to response). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Attempts per notification and provider: the first plus retries after 429 or 5xx. */
    @WithDefault("4")
    int maxAttempts();

    /** First backoff after a 429 or 5xx without {@code Retry-After}; doubles per attempt. */
    @WithDefault("1s")
    Duration backoff();

    /** Longest wait between attempts, also the cap on a provider's {@code Retry-After}. */
    @WithDefault("60s")
    Duration maxRetryAfter();

    /** Longest {@code device_token} accepted by {@code set-device-info} (FCM tokens are ~160 characters). */
    @WithDefault("4096")
    int maxTokenLength();

    /** Firebase Cloud Messaging HTTP v1. */
    Fcm fcm();

    /** Apple Push Notification service (token-based provider authentication). */
    Apns apns();

    /** A generic webhook told about every notification (an operator's own push service). */
    Webhook webhook();

    /** {@code switchboard.push.fcm.*}. */
    interface Fcm {
        /** Base URL of the FCM HTTP v1 API; {@code /v1/projects/{id}/messages:send} is appended. */
        @WithDefault("https://fcm.googleapis.com")
        String baseUrl();

        /**
         * The project used for a registration whose {@code device_platform} names no configured project (by
         * default the only one, when there is exactly one).
         */
        Optional<String> defaultProject();

        /**
         * Firebase projects by name: {@code switchboard.push.fcm.projects.<name>.*}. A registration selects
         * one by its {@code device_platform} (case-insensitive name match), else {@link #defaultProject()}.
         */
        Map<String, FcmProject> projects();
    }

    /** One Firebase project. */
    interface FcmProject {
        /** The Firebase project id ({@code projects/{id}}); default: the service account's {@code project_id}. */
        Optional<String> projectId();

        /** Path of the service-account JSON key file. */
        Optional<String> serviceAccountFile();

        /** The service-account JSON itself (for an environment variable); the file wins when both are set. */
        Optional<String> serviceAccountJson();
    }

    /** {@code switchboard.push.apns.*}. */
    interface Apns {
        /** Host of the APNs provider API: {@code api.push.apple.com}, or {@code api.sandbox.push.apple.com}. */
        @WithDefault("api.push.apple.com")
        String host();

        /** Port of the APNs provider API (443, or 2197). */
        @WithDefault("443")
        int port();

        /** Path of the {@code .p8} signing key (PKCS#8 PEM, ES256) from the Apple developer account. */
        Optional<String> signingKeyFile();

        /** The signing key's 10-character key id. */
        Optional<String> keyId();

        /** The 10-character Apple team id. */
        Optional<String> teamId();

        /** The app's bundle id ({@code apns-topic}). */
        Optional<String> topic();

        /** A PEM file of extra trusted CA certificates (a test or proxy endpoint); default: the JDK's. */
        Optional<String> trustedCertificatesFile();
    }

    /** {@code switchboard.push.webhook.*}. */
    interface Webhook {
        /** The URL POSTed to per notification; none: no webhook. */
        Optional<String> url();

        /**
         * The shared secret (at least 32 bytes UTF-8) of the HS256 request token in {@code Authorization}, the
         * relay's scheme: it signs the method, the path and the body's SHA-256.
         */
        Optional<String> secret();
    }
}
