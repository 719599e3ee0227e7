package dev.switchboard.mediator.mediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.message.InboundMessage;
import dev.switchboard.mediator.message.MediatorProblem;
import dev.switchboard.mediator.message.MessageType;
import dev.switchboard.mediator.message.Messages;
import java.util.List;
import java.util.Locale;

/**
 * The recipient-DID keylists of coordinate-mediation 2.0 ({@code keylist-update}, {@code keylist-query}) and
 * 3.0 ({@code recipient-update}, {@code recipient-query}), over the same {@link MediationStore} as 1.0.
 *
 * <p>One key space for both generations: an Ed25519 did:key (with or without fragment) is stored as its
 * base58 verkey, so a key registered over v1 and a {@code recipient_did} registered over v2 route the same
 * forwards into the same mailbox; any other DID or DID URL is stored as given.
 */
public final class RecipientDids {
    private static final int DEFAULT_PAGE = 100;

    private RecipientDids() {}

    /** The stored form of a recipient DID: the base58 verkey for an Ed25519 did:key, else the DID as given. */
    public static String normalise(String recipientDid) {
        String verkey = recipientDid.startsWith("did:key:") ? Ed25519Keys.toVerkey(recipientDid) : null;
        return verkey != null ? verkey : recipientDid;
    }

    /** The DID form of a stored key: did:key for a base58 verkey, else as stored. */
    public static String display(String stored) {
        return stored.startsWith("did:") ? stored : Ed25519Keys.didKey(stored);
    }

    /**
     * Applies {@code body.updates[{"recipient_did","action"}]} and answers {@code {"updated":[{"recipient_did",
     * "action","result"}]}}; results {@code success}, {@code no_change}, {@code client_error}.
     */
    public static ObjectNode update(MediationStore store, InboundMessage in, String conn, MessageType responseType) {
        JsonNode updates = Messages.requireArray(in.content(), "updates");
        ObjectNode response = Messages.replyInKind(in, responseType);
        ArrayNode updated = Messages.content(response).putArray("updated");
        for (JsonNode update : updates) {
            String did = update.path("recipient_did").asText("");
            String action = update.path("action").asText("").toLowerCase(Locale.ROOT);
            String result;
            if (!did.startsWith("did:") || !(action.equals("add") || action.equals("remove"))) {
                result = "client_error";
            } else {
                String key = normalise(did);
                MediationStore.Result r = action.equals("add") ? store.add(conn, key) : store.remove(conn, key);
                result = r.name().toLowerCase(Locale.ROOT);
            }
            ObjectNode entry = updated.addObject();
            entry.put("recipient_did", did);
            entry.put("action", action);
            entry.put("result", result);
        }
        return response;
    }

    /**
     * Answers a query ({@code body.paginate {"limit","offset"}} optional) with {@code {"<listField>":
     * [{"recipient_did"}], "pagination":{"count","offset","remaining"}}}.
     *
     * @throws MediatorProblem {@link ProblemCode#MSG_INVALID} for a bad {@code paginate}
     */
    public static ObjectNode query(
            MediationStore store, InboundMessage in, String conn, MessageType responseType, String listField) {
        JsonNode paginate = in.content().path("paginate");
        int limit = paginate.path("limit").asInt(DEFAULT_PAGE);
        int offset = paginate.path("offset").asInt(0);
        if (limit < 1 || offset < 0) {
            throw new MediatorProblem(ProblemCode.MSG_INVALID, "paginate: limit must be >= 1 and offset >= 0");
        }
        List<String> keys = store.keys(conn);
        List<String> page = keys.subList(Math.min(offset, keys.size()), Math.min(offset + limit, keys.size()));
        ObjectNode reply = Messages.replyInKind(in, responseType);
        ObjectNode content = Messages.content(reply);
        ArrayNode out = content.putArray(listField);
        page.forEach(k -> out.addObject().put("recipient_did", display(k)));
        ObjectNode pagination = content.putObject("pagination");
        pagination.put("count", page.size());
        pagination.put("offset", offset);
        pagination.put("remaining", Math.max(0, keys.size() - offset - page.size()));
        return reply;
    }
}
