package dev.switchboard.mediator.mediation;

import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.quota.Quotas;
import dev.switchboard.mediator.store.MediationRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Mediation records in Redis: which wallet connections hold a granted mediation, their keylists, and the
 * index recipient key -> connection that routes forwards.
 *
 * <p>A connection is named by the wallet's base58 verkey (the authcrypt sender of its mediate-request).
 * Recipient keys are stored normalised to base58. The records live in Redis through {@link MediationRecords}
 * (grant time, keylist, recipient key -> owning connection). Quotas ({@link Quotas}): a new grant past the
 * global cap and a key past the keylist cap are refused; a grant lapses unless a key is registered.
 */
@ApplicationScoped
public class MediationStore {
    private final MediationRecords records;
    private final Quotas quotas;

    /** The outcome of one keylist update entry (RFC 0211 {@code result}). */
    public enum Result {
        /** Done. */
        SUCCESS,
        /** Already so: added key already present, removed key already absent. */
        NO_CHANGE,
        /** The key belongs to another connection. */
        CLIENT_ERROR
    }

    /**
     * @param records the mediation records in Redis
     * @param quotas the mediation and keylist quotas
     */
    public MediationStore(MediationRecords records, Quotas quotas) {
        this.records = Objects.requireNonNull(records, "records");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
    }

    /**
     * Grants mediation to a connection; a second grant keeps the first grant time (idempotent re-grant).
     *
     * A new grant counts against {@code switchboard.quota.max-mediations} and lapses after {@code
     * unused-mediation-ttl} unless the wallet registers a key.
     *
     * @return the grant time
     * @throws MediatorProblem {@link Quotas#MEDIATIONS} when a new grant would pass the cap
     */
    public Instant grant(String conn) {
        if (!records.isGranted(conn)) {
            quotas.admitNewMediation();
        }
        Instant now = Instant.now();
        Instant granted = records.grantOnce(conn, now);
        if (granted.equals(now)) {
            quotas.mediationGranted(conn, now);
        }
        return granted;
    }

    /** When mediation was granted to the connection, if it was. */
    public Optional<Instant> grantedAt(String conn) {
        return Optional.ofNullable(records.grantedAt(conn));
    }

    /**
     * Ends a connection's mediation: its grant, its keylist and every recipient key it owns go (an operator's
     * removal of the wallet). Forwards to its keys are then refused as for any unknown key.
     *
     * @return the keys that were removed from the index (those the connection owned)
     */
    public List<String> revoke(String conn) {
        List<String> removed = new java.util.ArrayList<>();
        for (String key : records.keylist(conn)) {
            if (conn.equals(records.ownerOf(key))) {
                records.releaseKey(conn, key);
                removed.add(key);
            }
        }
        records.deleteMediation(conn);
        quotas.mediationEnded(conn);
        return removed.stream().sorted().toList();
    }

    /** True when the connection holds a granted mediation. */
    public boolean isGranted(String conn) {
        return records.isGranted(conn);
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

    /**
     * Adds a normalised key to a connection's keylist; the first key makes the mediation permanent.
     *
     * @throws MediatorProblem {@link Quotas#KEYLIST} when the keylist is full (updates before it stay done)
     */
    public Result add(String conn, String key) {
        quotas.admitKey(conn, key);
        if (!conn.equals(records.claimKey(conn, key))) {
            return Result.CLIENT_ERROR;
        }
        if (!records.addToKeylist(conn, key)) {
            return Result.NO_CHANGE;
        }
        quotas.keyAdded(conn);
        return Result.SUCCESS;
    }

    /** Removes a normalised key from a connection's keylist. */
    public Result remove(String conn, String key) {
        boolean removed = records.removeFromKeylist(conn, key);
        records.releaseKey(conn, key);
        return removed ? Result.SUCCESS : Result.NO_CHANGE;
    }

    /** The connection's keys, sorted (a stable order for pagination). */
    public List<String> keys(String conn) {
        return records.keylist(conn).stream().sorted().toList();
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
        return Optional.ofNullable(records.ownerOf(key));
    }
}
