package dev.switchboard.mediator.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a message to the handler serving its protocol (doc URI, name, MAJOR version); the fallback answers
 * an {@link ProblemCode#MSG_UNSUPPORTED} problem report. Also lists what is served for discover-features.
 */
@ApplicationScoped
public class HandlerRegistry {
    private final Map<String, ProtocolHandler> byProtocol = new HashMap<>();
    private final List<Served> served = new ArrayList<>();

    /**
     * A PIURI served with the mediator's roles in it.
     *
     * @param generations the DIDComm generations it is served over
     */
    public record Served(
            Piuri piuri, List<String> roles, java.util.Set<dev.switchboard.didcomm.DidcommVersion> generations) {}

    /**
     * @param handlers every {@link ProtocolHandler} bean
     * @throws IllegalStateException when two handlers claim the same protocol major version
     */
    public HandlerRegistry(Instance<ProtocolHandler> handlers) {
        for (ProtocolHandler handler : handlers) {
            for (Piuri piuri : handler.protocols()) {
                ProtocolHandler previous = byProtocol.putIfAbsent(piuri.majorKey(), handler);
                if (previous != null && previous != handler) {
                    throw new IllegalStateException(
                            "protocol " + piuri + " claimed by " + previous.getClass() + " and " + handler.getClass());
                }
                served.add(new Served(piuri, handler.roles(), handler.generations()));
            }
        }
    }

    /**
     * Handles a message with the handler of its protocol, or answers unsupported.
     *
     * @return the replies; a {@link MediatorProblem} thrown by the handler propagates
     */
    public List<ObjectNode> handle(InboundMessage message) {
        ProtocolHandler handler = byProtocol.get(message.type().piuri().majorKey());
        if (handler == null || !handler.generations().contains(message.generation())) {
            return isProblemReport(message) ? List.of() : List.of(ProblemReports.unsupported(message));
        }
        try {
            return handler.handle(message);
        } catch (MediatorProblem problem) {
            if (isProblemReport(message)) {
                return List.of(); // never answer a problem report with one
            }
            throw problem;
        }
    }

    /** True for any protocol's problem report ({@code problem-report}, Credo's {@code problem_report}). */
    public static boolean isProblemReport(InboundMessage message) {
        String name = message.type().name();
        return name.equals("problem-report") || name.equals("problem_report");
    }

    /** True when some handler serves this protocol's major version. */
    public boolean serves(Piuri piuri) {
        return byProtocol.containsKey(piuri.majorKey());
    }

    /** Every PIURI served, with roles, in registration order. */
    public List<Served> served() {
        return List.copyOf(served);
    }
}
