/**
 * Redis access of the mediator's own records (keys, connections, mediations, keylists, did:peer:4 long
 * forms), the embedded Redis server for single-machine runs, and the Redis readiness check. In: {@link
 * dev.switchboard.mediator.config.RedisConfig}. Out: a shared Lettuce connection.
 */
@NullMarked
package dev.switchboard.mediator.store;

import org.jspecify.annotations.NullMarked;
