package dev.switchboard.mediator.protocol.reportproblem.v1;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Receives {@code report-problem/1.0/problem-report}, {@code notification/1.0/problem-report} and {@code
 * notification/1.0/ack}: logs problem reports at debug level, answers nothing, whatever the message.
 */
@ApplicationScoped
public class ReportProblemV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/notification/1.0}. */
    public static final Piuri NOTIFICATION = Piuri.of("https://didcomm.org/notification/1.0");

    private static final Logger LOG = Logger.getLogger(ReportProblemV1Handler.class);

    @Override
    public List<Piuri> protocols() {
        return List.of(ProblemReports.REPORT_PROBLEM, NOTIFICATION);
    }

    @Override
    public List<String> roles() {
        return List.of("notified");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        if (message.type().name().equals("problem-report")) {
            LOG.debugf(
                    "problem report from %s in thread %s: %s",
                    message.senderKey(), message.thid(), message.body().path("description"));
        }
        return List.of();
    }
}
