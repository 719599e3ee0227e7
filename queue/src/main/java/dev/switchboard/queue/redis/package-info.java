/**
 * The Redis adapters (Lettuce 6.8, async API): {@link dev.switchboard.queue.redis.RedisQueue} is the
 * entry point. Redis command names stay inside this package. (Design notes follow with the
 * implementation.)
 */
@NullMarked
package dev.switchboard.queue.redis;

import org.jspecify.annotations.NullMarked;
