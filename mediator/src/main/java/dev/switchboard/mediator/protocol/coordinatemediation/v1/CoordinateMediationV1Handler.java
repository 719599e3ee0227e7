package dev.switchboard.mediator.protocol.coordinatemediation.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.message.Handled;
import dev.switchboard.mediator.message.Handles;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.Messages;
import dev.switchboard.mediator.message.Piuri;
import dev.switchboard.mediator.message.ProtocolHandler;
import dev.switchboard.mediator.message.Serves;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Coordinate mediation 1.0, mediator role: every authenticated connection that asks is granted (a repeated
 * mediate-request is granted again with the same routing key); keylist-update and keylist-query need a
 * granted mediation.
 */
@ApplicationScoped
@Serves(value = "https://didcomm.org/coordinate-mediation/1.0", roles = "mediator")
public class CoordinateMediationV1Handler implements ProtocolHandler {
    /** {@code https://didcomm.org/coordinate-mediation/1.0}. */
    public static final Piuri PIURI = Piuri.of("https://didcomm.org/coordinate-mediation/1.0");

    private static final int DEFAULT_PAGE = 100;

    private final MediationStore store;
    private final MediatorIdentity identity;
    private final MediatorConfig config;
    private final MeterRegistry meters;

    /** Constructor injection. */
    public CoordinateMediationV1Handler(
            MediationStore store, MediatorIdentity identity, MediatorConfig config, MeterRegistry meters) {
        this.meters = meters;
        this.store = store;
        this.identity = identity;
        this.config = config;
    }

    @Handles("https://didcomm.org/coordinate-mediation/1.0/mediate-request")
    Handled mediateRequest(InboundMessage message) {
        store.grant(message.requireSender());
        meters.counter("switchboard.mediations.granted").increment();
        ObjectNode grant = Messages.reply(message, PIURI.message("mediate-grant"));
        grant.put("endpoint", config.publicHttpUrl().toString());
        grant.putArray("routing_keys").add(identity.routingKey().didKey());
        return Handled.reply(grant);
    }

    @Handles("https://didcomm.org/coordinate-mediation/1.0/keylist-update")
    Handled keylistUpdate(InboundMessage message) {
        String conn = store.requireGranted(message.requireSender());
        JsonNode updates = Messages.requireArray(message.body(), "updates");
        ObjectNode response = Messages.reply(message, PIURI.message("keylist-update-response"));
        ArrayNode updated = response.putArray("updated");
        for (JsonNode update : updates) {
            String received = update.path("recipient_key").asText("");
            String action = update.path("action").asText("").toLowerCase(Locale.ROOT);
            String verkey = Ed25519Keys.toVerkey(received);
            String result;
            if (verkey == null || !(action.equals("add") || action.equals("remove"))) {
                result = "client_error";
            } else {
                MediationStore.Result r = action.equals("add") ? store.add(conn, verkey) : store.remove(conn, verkey);
                result = r.name().toLowerCase(Locale.ROOT);
            }
            ObjectNode entry = updated.addObject();
            entry.put("recipient_key", received);
            entry.put("action", action);
            entry.put("result", result);
        }
        return Handled.reply(response);
    }

    @Handles("https://didcomm.org/coordinate-mediation/1.0/keylist-query")
    Handled keylistQuery(InboundMessage message) {
        String conn = store.requireGranted(message.requireSender());
        JsonNode paginate = message.body().path("paginate");
        int limit = paginate.path("limit").asInt(DEFAULT_PAGE);
        int offset = paginate.path("offset").asInt(0);
        if (limit < 1 || offset < 0) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "paginate: limit must be >= 1 and offset >= 0");
        }
        List<String> keys = store.keys(conn);
        List<String> page = keys.subList(Math.min(offset, keys.size()), Math.min(offset + limit, keys.size()));
        ObjectNode keylist = Messages.reply(message, PIURI.message("keylist"));
        ArrayNode out = keylist.putArray("keys");
        page.forEach(k -> out.addObject().put("recipient_key", Ed25519Keys.didKey(k)));
        ObjectNode pagination = keylist.putObject("pagination");
        pagination.put("count", page.size());
        pagination.put("offset", offset);
        pagination.put("remaining", Math.max(0, keys.size() - offset - page.size()));
        return Handled.reply(keylist);
    }
}
