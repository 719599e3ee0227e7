package dev.switchboard.mediator.protocol.reportproblem.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProblemReports;
import dev.switchboard.mediator.message.ProtocolHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Report problem 2.0 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#problem-reports">DIDComm
 * 2.1, Problem Reports</a>): a {@code problem-report} from a wallet is logged and never answered (no report
 * answers a report). The mediator's own reports are built by {@link ProblemReports#ofV2}.
 */
@ApplicationScoped
public class ReportProblemV2Handler implements ProtocolHandler {
    private static final Logger LOG = Logger.getLogger(ReportProblemV2Handler.class);

    @Override
    public List<Piuri> protocols() {
        return List.of(ProblemReports.REPORT_PROBLEM_V2);
    }

    @Override
    public Set<DidcommVersion> generations() {
        return Set.of(DidcommVersion.V2);
    }

    @Override
    public List<String> roles() {
        return List.of("notified");
    }

    @Override
    public List<ObjectNode> handle(InboundMessage message) {
        LOG.debugf(
                "problem report from %s: %s %s",
                message.senderKey(),
                message.content().path("code").asText(),
                message.content().path("comment").asText());
        return List.of();
    }
}
