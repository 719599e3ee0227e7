package dev.switchboard.mediator.protocol.routing;

import dev.switchboard.mediator.inbound.ForwardIntake;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.ProblemReports;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What routing 1.0 and 2.0 do once a forward is parsed: store the inner message in the recipient wallet's
 * mailbox (its id the SHA-256 of its bytes, so a retried forward is stored once) and push that mailbox after
 * the reply. Every outcome is counted in {@code switchboard.forwards{result=stored|logged|refused|expired}}.
 */
@ApplicationScoped
public class Forwards {
    private final ForwardIntake intake;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public Forwards(ForwardIntake intake, MeterRegistry meters) {
        this.intake = intake;
        this.meters = meters;
    }

    /**
     * A refused forward, counted under {@code result}; the caller throws it.
     *
     * @param result {@code refused} or {@code expired}
     */
    public MediatorProblem refused(String result, MediatorProblem problem) {
        meters.counter("switchboard.forwards", "result", result).increment();
        return problem;
    }

    /** As {@link #refused(String, MediatorProblem)}: {@link ProblemReports#FORWARD_REFUSED} (one text for every cause). */
    public MediatorProblem refused(String description) {
        return refused("refused", new MediatorProblem(ProblemReports.FORWARD_REFUSED, description));
    }

    /**
     * Stores a forwarded message for {@code conn}, or appends it to the inbound log when {@code
     * switchboard.inbound.log} is on ({@link ForwardIntake}); durable when this returns (the sender then gets
     * 202). Counted as {@code result=stored}, or {@code result=logged} with the log.
     *
     * @param recipientKey the recipient key the forward named (routing 1.0 {@code to} as a base58 verkey,
     *     routing 2.0 {@code next}): the inbound log's partition key
     * @param expiresAt when it is dropped unread, or null
     * @return nothing to reply; {@code conn}'s mailbox pushed after the reply (with the log, its consumer pushes)
     * @throws MediatorProblem {@link ProblemReports#MAILBOX_FULL}
     */
    public Handled store(String conn, String recipientKey, byte[] inner, @Nullable Instant expiresAt) {
        return switch (intake.accept(conn, recipientKey, inner, expiresAt)) {
            case FULL -> throw new MediatorProblem(ProblemReports.MAILBOX_FULL, "the recipient's mailbox is full");
            case STORED -> {
                meters.counter("switchboard.forwards", "result", "stored").increment();
                yield Handled.NOTHING.thenPush(conn);
            }
            case LOGGED -> {
                meters.counter("switchboard.forwards", "result", "logged").increment();
                yield Handled.NOTHING;
            }
        };
    }
}
