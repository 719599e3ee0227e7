package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Load shedding of inbound requests: {@code switchboard.inbound.*} (environment: {@code SWITCHBOARD_INBOUND_*}).
 * Anonymous {@code POST /} traffic and authenticated relay traffic ({@code POST /socketdock/*}) each have
 * their own lane: at most {@code max-concurrent} requests processed at once, at most {@code max-queued}
 * (and {@code max-queued-bytes} of bodies) waiting; a request past them is answered 503 with {@code
 * Retry-After} at once, before any work, so one lane's flood neither grows memory nor starves the other.
 */
@ConfigMapping(prefix = "switchboard.inbound")
public interface InboundConfig {

    /** The anonymous lane: {@code POST /} (DIDComm over HTTP from any sender). */
    Lane anonymous();

    /** The relay lane: {@code POST /socketdock/*}, admitted only after the relay's token verified. */
    Lane relay();

    /** Seconds a shed request is told to wait ({@code Retry-After}, RFC 9110 section 10.2.3). */
    @WithDefault("1")
    int retryAfterSeconds();

    /** One lane's bounds. */
    interface Lane {
        /** Requests processed at the same time (each on a virtual thread; bounds Redis pipeline depth). */
        @WithDefault("128")
        int maxConcurrent();

        /** Requests waiting for a processing slot; one more is shed. */
        @WithDefault("512")
        int maxQueued();

        /** Body bytes of the waiting requests (64 MiB); a request that would pass it is shed. */
        @WithDefault("67108864")
        long maxQueuedBytes();
    }
}
