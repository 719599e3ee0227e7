/**
 * Switchboard's shared state: the ports the mediator codes against, and their adapters.
 *
 * <ul>
 *   <li>{@link dev.switchboard.queue.mailbox} — one mailbox per recipient: enqueue (idempotent), reserve
 *       (oldest first, leased), acknowledge, release, status, dead letters.
 *   <li>{@link dev.switchboard.queue.route} — recipient to live sockets on relay instances, and relay
 *       instance liveness from heartbeats.
 *   <li>{@link dev.switchboard.queue.inbound} — optional durable log between ingress and processing,
 *       consumed at least once by a consumer group of mediator instances.
 *   <li>{@link dev.switchboard.queue.config} — connection and behaviour settings in one place.
 *   <li>{@link dev.switchboard.queue.metrics} — a listener the mediator binds to Micrometer.
 *   <li>{@link dev.switchboard.queue.redis} and {@link dev.switchboard.queue.kafka} — the adapters; Redis
 *       and Kafka vocabulary stays inside them.
 * </ul>
 *
 * <p>Nothing here depends on Quarkus. All types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.switchboard.queue;

import org.jspecify.annotations.NullMarked;
