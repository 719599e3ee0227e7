/**
 * Push notifications that wake an offline mobile wallet: when a message is stored for a wallet with no live
 * socket ({@link dev.switchboard.mediator.delivery.OfflineWallets}, called by delivery), the wallet's
 * notification is scheduled a short delay ahead in Redis; every instance sweeps due notifications (each claimed
 * by one instance) and sends one, unless the wallet reconnected or picked everything up meanwhile, and at most
 * one per wallet per interval. Providers: FCM HTTP v1 ({@link dev.switchboard.mediator.push.FcmNotifier}),
 * APNs ({@link dev.switchboard.mediator.push.ApnsNotifier}), and a signed webhook ({@link
 * dev.switchboard.mediator.push.WebhookNotifier}); retries with backoff on 429/5xx honour {@code
 * Retry-After}; a token the provider calls unregistered is removed. In: registrations set by the
 * push-notifications protocols (RFC 0734, RFC 0699), {@link dev.switchboard.mediator.config.PushConfig}, the
 * queue's routes and mailbox counts. Out: HTTP requests to the providers, {@code switchboard_push_total{provider,
 * outcome}}. Redis access is behind {@link dev.switchboard.mediator.push.DeviceRegistrations} and {@link
 * dev.switchboard.mediator.push.PushSchedule} (implemented in {@code store}). Never message content.
 */
@NullMarked
package dev.switchboard.mediator.push;

import org.jspecify.annotations.NullMarked;
