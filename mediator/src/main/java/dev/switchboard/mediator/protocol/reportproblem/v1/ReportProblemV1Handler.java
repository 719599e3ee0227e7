package dev.switchboard.mediator.protocol.reportproblem.v1;

import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Receives {@code report-problem/1.0/problem-report}, {@code notification/1.0/problem-report} and {@code
 * notification/1.0/ack}: logs problem reports at debug level, answers nothing.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/report-problem/1.0", roles = "notified")
@Serves(value = "https://didcomm.org/notification/1.0", roles = "notified")
public class ReportProblemV1Handler implements ProtocolHandler {
    private static final Logger LOG = Logger.getLogger(ReportProblemV1Handler.class);

    @Handles("https://didcomm.org/report-problem/1.0/problem-report")
    @Handles("https://didcomm.org/notification/1.0/problem-report")
    Handled problemReport(InboundMessage message) {
        LOG.debugf(
                "problem report from %s in thread %s: %s",
                message.senderKey(), message.thid(), message.body().path("description"));
        return Handled.NOTHING;
    }

    @Handles("https://didcomm.org/notification/1.0/ack")
    Handled ack(InboundMessage message) {
        return Handled.NOTHING;
    }
}
