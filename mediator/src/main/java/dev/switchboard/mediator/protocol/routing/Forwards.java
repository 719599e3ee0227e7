package dev.switchboard.mediator.protocol.routing;

import dev.switchboard.mediator.delivery.DeliveryService;
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
 * the reply. Every outcome is counted in {@code switchboard.forwards{result=stored|refused|expired}}.
 */
@ApplicationScoped
public class Forwards {
    private final DeliveryService delivery;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public Forwards(DeliveryService delivery, MeterRegistry meters) {
        this.delivery = delivery;
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
     * Stores a forwarded message for {@code conn} (Redis confirmed it when this returns; the sender then gets 202).
     *
     * @param expiresAt when it is dropped unread, or null
     * @return nothing to reply; {@code conn}'s mailbox pushed after the reply
     * @throws MediatorProblem {@link ProblemReports#MAILBOX_FULL}
     */
    public Handled store(String conn, byte[] inner, @Nullable Instant expiresAt) {
        if (!delivery.store(conn, DeliveryService.messageId(inner), inner, expiresAt)
                .accepted()) {
            throw new MediatorProblem(ProblemReports.MAILBOX_FULL, "the recipient's mailbox is full");
        }
        meters.counter("switchboard.forwards", "result", "stored").increment();
        return Handled.NOTHING.thenPush(conn);
    }
}
