package dev.switchboard.mediator.protocol.reportproblem.v2;

import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Report problem 2.0 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#problem-reports">DIDComm
 * 2.1, Problem Reports</a>): a {@code problem-report} from a wallet is logged and never answered (no report
 * answers a report). The mediator's own reports are built by {@link ProblemReports#ofV2}.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/report-problem/2.0", roles = "notified", generations = DidcommVersion.V2)
public class ReportProblemV2Handler implements ProtocolHandler {
    private static final Logger LOG = Logger.getLogger(ReportProblemV2Handler.class);

    @Handles("https://didcomm.org/report-problem/2.0/problem-report")
    Handled problemReport(InboundMessage message) {
        LOG.debugf(
                "problem report from %s: %s %s",
                message.senderKey(),
                message.content().path("code").asText(),
                message.content().path("comment").asText());
        return Handled.NOTHING;
    }
}
