/**
 * Quotas: what a client can make the mediator hold or do, each with a default ({@link
 * dev.switchboard.mediator.config.QuotaConfig}), its problem code / HTTP status and a metric ({@code
 * switchboard_quota_refused_total{quota}}). {@link dev.switchboard.mediator.quota.RateLimits}: requests per
 * second per source address and per authenticated sender (in-memory token buckets in bounded Caffeine caches).
 * {@link dev.switchboard.mediator.quota.Quotas}: mediations held at once, keys per mediation, messages per sender
 * per recipient (in Redis through {@link dev.switchboard.mediator.store.QuotaRecords}). {@link
 * dev.switchboard.mediator.quota.StorageBudget}: the bytes of all mailboxes together. {@link
 * dev.switchboard.mediator.quota.ExpirySweep}: drops expired messages of mailboxes nobody touches, on one instance
 * at a time. In: calls from the ingress ({@code transport}), the mediation records ({@code mediation}), the
 * routing handlers and the mailbox writes ({@code delivery}); the request's source address ({@link
 * dev.switchboard.mediator.quota.RequestSource}). Out: {@link dev.switchboard.mediator.message.MediatorProblem}s
 * with the quota codes, booleans for the rate limits, Redis records.
 */
@NullMarked
package dev.switchboard.mediator.quota;

import org.jspecify.annotations.NullMarked;
