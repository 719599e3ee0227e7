/**
 * Settings of the queue module, in one place: how to reach Redis ({@link
 * dev.switchboard.queue.config.RedisSettings}), mailbox limits ({@link
 * dev.switchboard.queue.config.MailboxSettings}), and the inbound log's adapters ({@link
 * dev.switchboard.queue.config.StreamLogSettings}, {@link dev.switchboard.queue.config.KafkaLogSettings}).
 * The mediator fills them from its configuration; every constructor checks its arguments.
 */
@NullMarked
package dev.switchboard.queue.config;

import org.jspecify.annotations.NullMarked;
