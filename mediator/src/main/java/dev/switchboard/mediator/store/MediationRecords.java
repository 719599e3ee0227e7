package dev.switchboard.mediator.store;

import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Mediation records in Redis, shared by all instances: a wallet connection's grant time, its keylist (a set
 * of normalised recipient keys), and the index recipient key -> owning connection. Key names: {@link Keys}
 * (grant and keylist in the wallet's slot, one index key per recipient key). The rules (who may register a
 * key, what a route is) live in {@code mediation.MediationStore}. Blocking: call from worker or virtual
 * threads.
 */
@ApplicationScoped
public class MediationRecords {
    private final MediatorRedis redis;

    /** Constructor injection. */
    public MediationRecords(MediatorRedis redis) {
        this.redis = redis;
    }

    /**
     * Records {@code now} as the connection's grant time unless it has one.
     *
     * @return the grant time stored (the first one)
     */
    public Instant grantOnce(String conn, Instant now) {
        String key = redis.keys().mediation(conn);
        redis.sync().set(key, now.toString(), SetArgs.Builder.nx());
        String stored = redis.sync().get(key);
        return stored == null ? now : Instant.parse(stored);
    }

    /** The connection's grant time, or null when it holds none. */
    public @Nullable Instant grantedAt(String conn) {
        String stored = redis.sync().get(redis.keys().mediation(conn));
        return stored == null ? null : Instant.parse(stored);
    }

    /** Deletes the connection's grant and keylist (not the index entries of its keys: release them first). */
    public void deleteMediation(String conn) {
        redis.sync().del(redis.keys().keylist(conn), redis.keys().mediation(conn));
    }

    /** True when the connection holds a grant. */
    public boolean isGranted(String conn) {
        return redis.sync().exists(redis.keys().mediation(conn)) > 0;
    }

    /**
     * Makes {@code conn} the owner of {@code key} unless another connection owns it.
     *
     * @return the owner afterwards: {@code conn}, or the other connection
     */
    public String claimKey(String conn, String key) {
        String index = redis.keys().recipientKey(key);
        while (!Boolean.TRUE.equals(redis.sync().setnx(index, conn))) {
            String current = redis.sync().get(index);
            if (current != null) {
                return current;
            } // released in between: try again
        }
        return conn;
    }

    /** Releases {@code key} when {@code conn} owns it. */
    public void releaseKey(String conn, String key) {
        String index = redis.keys().recipientKey(key);
        if (conn.equals(redis.sync().get(index))) {
            redis.sync().del(index);
        }
    }

    /** The connection that owns {@code key}, or null. */
    public @Nullable String ownerOf(String key) {
        return redis.sync().get(redis.keys().recipientKey(key));
    }

    /** @return true when {@code key} was not in the connection's keylist yet */
    public boolean addToKeylist(String conn, String key) {
        return redis.sync().sadd(redis.keys().keylist(conn), key) == 1;
    }

    /** @return true when {@code key} was in the connection's keylist */
    public boolean removeFromKeylist(String conn, String key) {
        return redis.sync().srem(redis.keys().keylist(conn), key) == 1;
    }

    /** The connection's keylist, unordered. */
    public Set<String> keylist(String conn) {
        return redis.sync().smembers(redis.keys().keylist(conn));
    }
}
