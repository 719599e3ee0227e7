package dev.switchboard.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Quotas of what an anonymous or authenticated client can make the mediator hold or do: {@code
 * switchboard.quota.*} (environment: {@code SWITCHBOARD_QUOTA_*}, e.g. {@code SWITCHBOARD_QUOTA_MAX_MEDIATIONS}).
 * Each quota is answered with its problem code and HTTP status ({@code dev.switchboard.mediator.quota.Quotas},
 * {@code mediator/docs/problem-reports.md}) and counted in {@code switchboard_quota_refused_total{quota}}. The
 * list with defaults is in {@code docs/security.md}.
 */
@ConfigMapping(prefix = "switchboard.quota")
public interface QuotaConfig {

    /**
     * Mediations held at once by all wallets, across instances (granted and not expired); a mediate-request of
     * a new wallet past it gets {@code e.p.me.res.mediations}. {@code 0}: no cap.
     */
    @WithDefault("1000000")
    long maxMediations();

    /**
     * How long a granted mediation lives while its wallet has registered no key (keylist-update / recipient-update
     * add); the first key makes it permanent, a wallet that never uses its mediation loses it.
     */
    @WithDefault("7d")
    Duration unusedMediationTtl();

    /** Keys (DIDComm v1) or recipient DIDs (v2) one mediation may register; past it {@code e.p.me.res.keylist}. */
    @WithDefault("1000")
    int maxKeysPerMediation();

    /**
     * Messages one sender may store in one wallet's mailbox per {@link #senderWindow()} (forwards; the sender is
     * the authenticated sender of the forward, else its socket or source address); past it {@code
     * e.p.me.res.storage.peer}. {@code 0}: no cap.
     */
    @WithDefault("1000")
    long maxMessagesPerSender();

    /** The window of {@link #maxMessagesPerSender()} (a fixed window from the sender's first message). */
    @WithDefault("1h")
    Duration senderWindow();

    /**
     * Bytes of stored messages in all mailboxes together (512 MiB, below the k8s Redis {@code maxmemory} of
     * 768 MiB); a message that would pass it gets 507 {@code e.p.me.res.storage}. Read from the mailbox totals
     * at most {@link #storageBudgetRefresh()} old (standalone Redis only: a cluster keeps no totals). {@code
     * 0}: no budget.
     */
    @WithDefault("536870912")
    long maxStoredBytes();

    /** How old the mailbox totals the global byte budget is checked against may be. */
    @WithDefault("1s")
    Duration storageBudgetRefresh();

    /** Requests per source address on {@code POST /} (the client address, or {@code X-Forwarded-For} behind a trusted proxy). */
    Rate perAddress();

    /** Authenticated messages per sender (verkey or DID), on any transport. */
    Rate perDid();

    /** Sources (addresses, DIDs) whose rate is tracked at once per instance, each kind; least recently seen dropped first. */
    @WithDefault("100000")
    int maxTrackedSources();

    /**
     * Sockets whose route this instance remembers having recorded ({@code RouteRecorder}), least recently used
     * dropped first (a dropped socket's next message records its route again).
     */
    @WithDefault("200000")
    int maxTrackedSockets();

    /** Period of the sweep that drops expired messages of mailboxes nobody touches (one instance at a time). */
    @WithDefault("1m")
    Duration expirySweepPeriod();

    /** Mailboxes the expiry sweep visits per run, oldest pending message first. */
    @WithDefault("1000")
    int expirySweepBatch();

    /** One rate limit: a token bucket of {@code burst} tokens refilled at {@code per-second}. */
    interface Rate {
        /** Sustained requests per second; {@code 0}: no limit. */
        @WithDefault("100")
        double perSecond();

        /** Requests allowed at once above the sustained rate. */
        @WithDefault("200")
        int burst();
    }
}
