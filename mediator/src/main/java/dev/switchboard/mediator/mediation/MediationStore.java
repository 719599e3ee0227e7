package dev.switchboard.mediator.mediation;

import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.store.RedisConnection;
import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Mediation records in Redis: which wallet connections hold a granted mediation, their keylists, and the
 * index recipient key -> connection that routes forwards.
 *
 * <p>A connection is named by the wallet's base58 verkey (the authcrypt sender of its mediate-request).
 * Recipient keys are stored normalised to base58. Records (prefix {@code sb}): {@code sb:med:{conn}}
 * (grant time), {@code sb:kl:{conn}} (set of keys), {@code sb:rk:{key}} (owning connection).
 */
@ApplicationScoped
public class MediationStore {
    private final RedisConnection redis;

    /** The outcome of one keylist update entry (RFC 0211 {@code result}). */
    public enum Result {
        /** Done. */
        SUCCESS,
        /** Already so: added key already present, removed key already absent. */
        NO_CHANGE,
        /** The key belongs to another connection. */
        CLIENT_ERROR
    }

    /** @param redis the shared connection */
    public MediationStore(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    private String med(String conn) {
        return redis.prefix() + ":med:" + conn;
    }

    private String keylist(String conn) {
        return redis.prefix() + ":kl:" + conn;
    }

    private String owner(String key) {
        return redis.prefix() + ":rk:" + key;
    }

    /**
     * Grants mediation to a connection; a second grant keeps the first grant time (idempotent re-grant).
     *
     * @return the grant time
     */
    public Instant grant(String conn) {
        String now = Instant.now().toString();
        redis.sync().set(med(conn), now, SetArgs.Builder.nx());
        String stored = redis.sync().get(med(conn));
        return Instant.parse(stored == null ? now : stored);
    }

    /** When mediation was granted to the connection, if it was. */
    public Optional<Instant> grantedAt(String conn) {
        @Nullable String stored = redis.sync().get(med(conn));
        return Optional.ofNullable(stored).map(Instant::parse);
    }

    /**
     * Ends a connection's mediation: its grant, its keylist and every recipient key it owns go (an operator's
     * removal of the wallet). Forwards to its keys are then refused as for any unknown key.
     *
     * @return the keys that were removed from the index (those the connection owned)
     */
    public List<String> revoke(String conn) {
        List<String> removed = new java.util.ArrayList<>();
        for (String key : redis.sync().smembers(keylist(conn))) {
            if (conn.equals(redis.sync().get(owner(key)))) {
                redis.sync().del(owner(key));
                removed.add(key);
            }
        }
        redis.sync().del(keylist(conn), med(conn));
        return removed.stream().sorted().toList();
    }

    /** True when the connection holds a granted mediation. */
    public boolean isGranted(String conn) {
        return redis.sync().exists(med(conn)) > 0;
    }

    /**
     * The connection, when it holds a granted mediation.
     *
     * @throws MediatorProblem {@link ProblemReports#MEDIATION_NOT_GRANTED} otherwise
     */
    public String requireGranted(String conn) {
        if (!isGranted(conn)) {
            throw new MediatorProblem(
                    ProblemReports.MEDIATION_NOT_GRANTED,
                    "no mediation granted to this connection: send mediate-request first");
        }
        return conn;
    }

    /** Adds a normalised key to a connection's keylist. */
    public Result add(String conn, String key) {
        Boolean set = redis.sync().setnx(owner(key), conn);
        if (!Boolean.TRUE.equals(set)) {
            String current = redis.sync().get(owner(key));
            if (!conn.equals(current)) {
                return current == null ? add(conn, key) : Result.CLIENT_ERROR;
            }
        }
        return redis.sync().sadd(keylist(conn), key) == 1 ? Result.SUCCESS : Result.NO_CHANGE;
    }

    /** Removes a normalised key from a connection's keylist. */
    public Result remove(String conn, String key) {
        long removed = redis.sync().srem(keylist(conn), key);
        String current = redis.sync().get(owner(key));
        if (conn.equals(current)) {
            redis.sync().del(owner(key));
        }
        return removed == 1 ? Result.SUCCESS : Result.NO_CHANGE;
    }

    /** The connection's keys, sorted (a stable order for pagination). */
    public List<String> keys(String conn) {
        return redis.sync().smembers(keylist(conn)).stream().sorted().toList();
    }

    /**
     * The connection a forward's {@code next} (routing 2.0) or {@code to} goes to: the owner of its normalised
     * form ({@link RecipientDids#normalise}), else, for a DID URL, of its DID.
     */
    public Optional<String> route(String next) {
        Optional<String> conn = ownerOf(RecipientDids.normalise(next));
        int hash = next.indexOf('#');
        if (conn.isEmpty() && hash > 0) {
            conn = ownerOf(RecipientDids.normalise(next.substring(0, hash)));
        }
        return conn;
    }

    /** The connection that registered {@code key}, if any. */
    public Optional<String> ownerOf(String key) {
        @Nullable String conn = redis.sync().get(owner(key));
        return Optional.ofNullable(conn);
    }
}
