/**
 * The durable inbound log between ingress and the mailboxes ({@code switchboard.inbound.log = none | kafka |
 * redis-stream}, {@link dev.switchboard.mediator.config.InboundLogConfig}; default {@code none}: nothing here
 * runs and forwards are stored before their 202 as always).
 *
 * <p>In: accepted forwards from the routing handlers (routing 1.0 and 2.0, arrived by {@code POST /} or a relay
 * frame) through {@link dev.switchboard.mediator.inbound.ForwardIntake}, after the outer envelope was decrypted, the
 * forward parsed and its recipient resolved to a wallet (an unknown recipient is still refused before any
 * append). With a log, the forward becomes a {@link dev.switchboard.mediator.inbound.ForwardRecord} appended to
 * the log ({@code queue/inbound}: Kafka with an idempotent producer and {@code acks=all}, or a Redis stream); the
 * sender gets 202 only once the log acknowledged it.
 *
 * <p>Partition key: the recipient key as the forward names it, routing 1.0 {@code to} (as a base58 verkey) and
 * routing 2.0 {@code next}. It is known once the mediator opened the outer envelope, without touching the
 * forwarded message (which stays encrypted to the wallet), and it is what the sender addressed: all forwards to
 * one recipient key land in one Kafka partition and are stored in the order they were appended. A wallet with
 * several routing keys keeps that order per key. (The outer envelope's own recipient kid is the mediator's key,
 * the same for every forward, so it would put everything in one partition.)
 *
 * <p>Out: {@link dev.switchboard.mediator.inbound.InboundLogConsumer}, one member of the log's consumer group per
 * instance, stores each record in the wallet's mailbox (idempotent by message id, the SHA-256 of the message,
 * so an entry processed twice, e.g. by a consumer killed between enqueue and commit, is stored once) and pushes
 * it over the wallet's live route; it acknowledges (commits) only what it stored. Meters: {@code
 * switchboard_inbound_log_lag}, {@code _delay}, {@code _processed_total}, {@code _dropped_total}.
 */
@NullMarked
package dev.switchboard.mediator.inbound;

import org.jspecify.annotations.NullMarked;
