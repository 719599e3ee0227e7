package dev.switchboard.mediator.store;

import io.lettuce.core.ScriptOutputType;
import java.time.Instant;

/**
 * What the due-time sorted sets of this package share ({@link DeliveryDeadlines}, {@link RedisPushSchedule}):
 * a member's score is the epoch milliseconds at which it is due, and a member is removed only while its
 * score is the one the caller saw (compare-and-clear), so a newer schedule recorded meanwhile survives.
 */
final class DueSets {
    /** Removes member ARGV[1] of KEYS[1] while its score is still ARGV[2]; returns 1 when removed, else 0. */
    private static final String CLEAR_IF = """
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) == tonumber(ARGV[2]) then
                return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0
            """;

    private DueSets() {}

    /**
     * Removes {@code member} from the sorted set {@code key} while its score is still {@code due}.
     *
     * @return true when it was removed
     */
    static boolean clearIf(MediatorRedis redis, String key, String member, Instant due) {
        Long removed = redis.sync()
                .eval(
                        CLEAR_IF,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        member,
                        Long.toString(due.toEpochMilli()));
        return removed != null && removed > 0;
    }
}
