package dev.switchboard.mediator.quota;

import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.QuotaConfig;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.store.QuotaRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The quotas kept in Redis (shared by all instances): mediations held at once, keys per mediation, messages
 * per sender per recipient; and the problem codes of every quota. A check past its quota throws a {@link
 * MediatorProblem} with the quota's code (a problem report to an authenticated sender, else an HTTP refusal
 * with {@link #httpStatus}) and counts {@code switchboard_quota_refused_total{quota}}.
 *
 * <p>The codes follow DIDComm v2's problem-code grammar (<a
 * href="https://identity.foundation/didcomm-messaging/spec/v2.1/#problem-codes">sorter.scope.descriptors</a>)
 * under {@code me.res} ("a required resource is inadequate or unavailable"), next to the mailbox cap's {@code
 * e.p.me.res.storage}; the per-sender cap plays the role of Affinidi's {@code limits.queue.peer}.
 */
@ApplicationScoped
public class Quotas {
    /** Too many requests from one address or sender: HTTP 429 with {@code Retry-After}. */
    public static final ProblemCode RATE_LIMITED = new ProblemCode("e.p.me.res.rate");
    /** The mediator holds as many mediations as it may: a new wallet's mediate-request is refused. */
    public static final ProblemCode MEDIATIONS = new ProblemCode("e.p.me.res.mediations");
    /** The mediation holds as many keys (recipient DIDs) as it may. */
    public static final ProblemCode KEYLIST = new ProblemCode("e.p.me.res.keylist");
    /** One sender stored as many messages in this wallet's mailbox as it may in the window: HTTP 429. */
    public static final ProblemCode PEER = new ProblemCode("e.p.me.res.storage.peer");

    private final QuotaRecords records;
    private final QuotaConfig config;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public Quotas(QuotaRecords records, QuotaConfig config, MeterRegistry meters) {
        this.records = records;
        this.config = config;
        this.meters = meters;
    }

    /** The HTTP status a refusal with a quota's code gets, or 0 when {@code code} is no quota's. */
    public static int httpStatus(ProblemCode code) {
        if (code.equals(RATE_LIMITED) || code.equals(PEER)) {
            return 429;
        }
        if (code.equals(MEDIATIONS) || code.equals(KEYLIST)) {
            return 507;
        }
        return 0;
    }

    /** {@code switchboard_quota_refused_total{quota}}. */
    static Counter refusedCounter(MeterRegistry meters, String quota) {
        return Counter.builder("switchboard.quota.refused")
                .description("requests refused by a quota")
                .tag("quota", quota)
                .register(meters);
    }

    /**
     * Before granting a mediation to a wallet that holds none.
     *
     * @throws MediatorProblem {@link #MEDIATIONS} when {@link QuotaConfig#maxMediations()} mediations count
     */
    public void admitNewMediation() {
        long max = config.maxMediations();
        if (max > 0 && records.mediations(Instant.now()) >= max) {
            throw refused("mediations", MEDIATIONS, "the mediator grants no more mediations now; try later");
        }
    }

    /** A new mediation was granted at {@code now}: it counts, and lapses unless used (a key registered). */
    public void mediationGranted(String conn, Instant now) {
        records.mediationGranted(conn, now, config.unusedMediationTtl());
    }

    /**
     * Before adding {@code key} to a wallet's keylist.
     *
     * @throws MediatorProblem {@link #KEYLIST} when the keylist is full and {@code key} is not in it
     */
    public void admitKey(String conn, String key) {
        int max = config.maxKeysPerMediation();
        if (records.keylistSize(conn) >= max && !records.inKeylist(conn, key)) {
            throw refused("keylist", KEYLIST, "this mediation holds " + max + " keys, the most it may");
        }
    }

    /** A key was added: the mediation is in use and no longer lapses. */
    public void keyAdded(String conn) {
        records.mediationUsed(conn);
    }

    /** A mediation was revoked: it no longer counts. */
    public void mediationEnded(String conn) {
        records.mediationEnded(conn);
    }

    /**
     * Before storing a forward from {@code message}'s sender in the mailbox of {@code conn}: counts it in the
     * sender's window. The sender is the authenticated sender of the forward, else the socket it came on, else
     * the request's source address ({@link RequestSource}).
     *
     * @throws MediatorProblem {@link #PEER} past {@link QuotaConfig#maxMessagesPerSender()} in the window
     */
    public void admitForward(InboundMessage message, String conn) {
        long max = config.maxMessagesPerSender();
        if (max <= 0) {
            return;
        }
        if (records.countSenderMessage(conn, sourceOf(message), config.senderWindow()) > max) {
            throw refused(
                    "peer",
                    PEER,
                    "this sender stored " + max + " messages for the recipient within " + config.senderWindow()
                            + "; try later");
        }
    }

    /** Who sent a message, for per-sender quotas: {@code did:<sender>}, {@code socket:<owner>} or {@code ip:<address>}. */
    static String sourceOf(InboundMessage message) {
        if (message.senderKey() != null) {
            return "did:" + message.senderKey();
        }
        InboundTransport.Socket socket = message.transport().socket();
        if (socket != null) {
            return "socket:" + socket.owner();
        }
        @Nullable String address = RequestSource.address();
        return "ip:" + (address == null ? "unknown" : address);
    }

    private MediatorProblem refused(String quota, ProblemCode code, String description) {
        refusedCounter(meters, quota).increment();
        return new MediatorProblem(code, description);
    }
}
